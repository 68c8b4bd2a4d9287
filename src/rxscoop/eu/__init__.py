"""European Union approvals (the EMA's list of centrally evaluated medicines): its indication text read into
uses by the same reader as US labels, and matched to US labels by active substance."""
