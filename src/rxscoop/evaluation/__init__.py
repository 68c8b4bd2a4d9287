"""Scoring and checking rxscoop against gold read by hand (drugs, labels, consumer questions) and its own
claim and shape checks (audit). Nothing here runs when answering; the gold files are always passed in."""
