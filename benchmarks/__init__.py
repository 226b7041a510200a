"""Scale benchmark: synthetic minutes at N passages through the project's own code, with latency, recall, memory and cold start."""
