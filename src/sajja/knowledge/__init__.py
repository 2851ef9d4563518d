"""Knowledge: what funds and networks learned, written for the others and found by Thai words; the founding
models side by side."""
