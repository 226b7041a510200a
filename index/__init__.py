"""Building the index: readers, segmenter, chunker, embedder, store, vectors, incremental build."""
