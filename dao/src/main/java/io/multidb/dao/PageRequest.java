package io.multidb.dao;

/**
 * Which page of an ordered result to read: a zero-based page number and a page size.
 *
 * <pre>{@code
 * PageRequest first = PageRequest.ofSize(20);       // page 0, rows 1-20
 * Page<User> page = users.findAll(first);
 * while (page.hasNext()) {
 *     page = users.findAll(page.request().next());  // page 1, rows 21-40, ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param page zero-based page number, at least 0
 * @param size rows per page, at least 1
 */
public record PageRequest(int page, int size) {

    /**
     * @param page zero-based page number
     * @param size rows per page
     * @throws IllegalArgumentException when {@code page} is negative or {@code size} is not
     *     between 1 and {@code Integer.MAX_VALUE - 1}
     */
    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("Page number must be 0 or more (pages count from 0), was " + page);
        }
        if (size < 1 || size == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Page size must be between 1 and " + (Integer.MAX_VALUE - 1) + ", was "
                    + size);
        }
    }

    /**
     * @param size rows per page
     * @return the first page of that size
     */
    public static PageRequest ofSize(int size) {
        return new PageRequest(0, size);
    }

    /**
     * @param page zero-based page number
     * @param size rows per page
     * @return that page
     */
    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    /**
     * @return how many rows come before this page: {@code page * size}
     */
    public long offset() {
        return (long) page * size;
    }

    /**
     * @return the page after this one, of the same size
     */
    public PageRequest next() {
        return new PageRequest(Math.addExact(page, 1), size);
    }
}
