package service

import "sitewatch/tally"

// tallyZero asks Evaluate for the current month.
var tallyZero tally.Period
