package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gaoxin/internal/audit"
)

// The audit key lives outside the database: GAOXIN_AUDIT_KEY holds it in
// hexadecimal (for containers that mount secrets as variables), else the
// file GAOXIN_AUDIT_KEY_FILE, else audit.key in the user's configuration
// directory (~/.config/gaoxin on Linux). Every instance in front of one
// database must read the same keys.

// keyFilePath is where the key file is, or would be created.
func keyFilePath() string {
	if p := os.Getenv("GAOXIN_AUDIT_KEY_FILE"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "gaoxin-audit.key"
	}
	return filepath.Join(dir, "gaoxin", "audit.key")
}

// loadAuditKeys puts the configured keyring to use. Without one, the
// process hashes unkeyed, which a keyed trail refuses at the first write.
func loadAuditKeys() error {
	if text := os.Getenv("GAOXIN_AUDIT_KEY"); text != "" {
		ring, err := audit.KeyringFromHex(text)
		if err != nil {
			return err
		}
		audit.UseKeys(ring)
		return nil
	}
	ring, err := audit.LoadKeyring(keyFilePath())
	if errors.Is(err, fs.ErrNotExist) {
		audit.UseKeys(nil)
		return nil
	} else if err != nil {
		return err
	}
	audit.UseKeys(ring)
	return nil
}

// ensureAuditKey makes sure a server has a key: without one configured it
// creates the key file where gaoxin looks for it, and says so, so that the
// office can back it up apart from the database.
func (e *env) ensureAuditKey() error {
	if audit.Keys() != nil {
		return nil
	}
	path := keyFilePath()
	if err := audit.WriteKeyFile(path, audit.NewKey()); err != nil {
		return fmt.Errorf("create the audit key %s: %w", path, err)
	}
	fmt.Fprintf(e.stderr, "gaoxin: created the audit key %s; back it up apart from the database — without it the trail cannot be verified\n", path)
	return loadAuditKeys()
}
