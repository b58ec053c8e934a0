package io.multidb.dao;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an ordered result, and whether another follows. Whether one follows is known
 * without a count query: the page is read with one row more than its size.
 *
 * <pre>{@code
 * Page<Post> page = posts.findAll(PageRequest.ofSize(10));
 * page.items().forEach(System.out::println);
 * page.nextRequest().ifPresent(next -> ... posts.findAll(next) ...);
 * }</pre>
 *
 * <p>Thread-safety: immutable (the items themselves are whatever the query mapped).
 *
 * @param items   the rows of this page, at most {@code request.size()}, in query order
 * @param request the page asked for
 * @param hasNext whether at least one row follows this page
 * @param <T>     the row type
 */
public record Page<T>(List<T> items, PageRequest request, boolean hasNext) {

    /**
     * @param items   the rows of this page; copied
     * @param request the page asked for
     * @param hasNext whether at least one row follows this page
     * @throws NullPointerException when {@code items} or {@code request} is {@code null}
     */
    public Page {
        Objects.requireNonNull(request, "request");
        // copied without List.copyOf, which refuses the nulls a single-column query may return
        items = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(items, "items")));
    }

    /**
     * @return the request for the following page, or empty on the last page
     */
    public Optional<PageRequest> nextRequest() {
        return hasNext ? Optional.of(request.next()) : Optional.empty();
    }
}
