package audit

// Rehash is what a forger holding ring does after editing entries: every
// entry from seq on gets its hash recomputed and its link to the one
// before, and the head follows.
func Rehash(e Entry, ring *Keyring) (string, error) { return e.computeHash(ring) }
