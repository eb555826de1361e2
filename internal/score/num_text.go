package score

// MarshalText writes n exactly, as String does, so that a published result
// keeps every digit the engine computed.
func (x Num) MarshalText() ([]byte, error) { return []byte(x.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (x *Num) UnmarshalText(b []byte) error {
	n, err := Dec(string(b))
	if err != nil {
		return err
	}
	*x = n
	return nil
}
