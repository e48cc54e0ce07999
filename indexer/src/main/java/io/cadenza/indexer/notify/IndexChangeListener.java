package io.cadenza.indexer.notify;

/**
 * Told of each commit, after it is durable. A listener that fails loses its notification, not the data: whoever
 * missed one catches up from the projections.
 */
@FunctionalInterface
public interface IndexChangeListener {
    IndexChangeListener NONE = change -> {};

    void indexChanged(IndexChange change);

    /** Tells both, in order. */
    default IndexChangeListener andThen(IndexChangeListener next) {
        return change -> {
            indexChanged(change);
            next.indexChanged(change);
        };
    }
}
