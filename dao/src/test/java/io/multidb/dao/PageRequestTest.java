package io.multidb.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void offsetIsPageTimesSizeWithoutOverflow() {
        assertThat(PageRequest.ofSize(20).offset()).isZero();
        assertThat(PageRequest.of(3, 20).offset()).isEqualTo(60);
        assertThat(PageRequest.of(Integer.MAX_VALUE - 1, 1000).offset()).isEqualTo((Integer.MAX_VALUE - 1) * 1000L);
        assertThat(PageRequest.of(3, 20).next()).isEqualTo(PageRequest.of(4, 20));
    }

    @Test
    void negativePagesAndEmptyPagesAreRefused() {
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Page number must be 0 or more");
        assertThatThrownBy(() -> PageRequest.ofSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Page size must be between 1 and");
        assertThatThrownBy(() -> PageRequest.ofSize(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageCopiesItsItemsKeepsNullsAndOffersTheNextRequest() {
        List<String> items = new ArrayList<>(Arrays.asList("a", null));
        Page<String> page = new Page<>(items, PageRequest.ofSize(2), true);
        items.clear();
        assertThat(page.items()).containsExactly("a", null);
        assertThat(page.nextRequest()).contains(PageRequest.of(1, 2));
        assertThat(new Page<>(List.of(), PageRequest.ofSize(2), false).nextRequest()).isEmpty();
        assertThatThrownBy(() -> page.items().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
