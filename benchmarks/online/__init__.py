"""Generated papers and registry records for the online-verification benchmark."""
