"""Running the engine over many files: worker processes, the result cache, and the wire
format findings travel in between."""
