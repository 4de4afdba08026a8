"""A stand-in that fails to import, to test the bridge's exit code 3 even where the real
akshare is installed."""
raise ImportError("simulated: akshare is not installed")
