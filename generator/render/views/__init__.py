"""One module per kind of generated page: each builds the small view that its template prints."""
