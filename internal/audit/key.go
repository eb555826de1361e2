package audit

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The trail's hashes are HMAC-SHA-256 under a key that lives outside the
// database: whoever can write the database but not read the key cannot
// rewrite an entry and recompute the chain after it. A key file holds one
// key a line, "ID HEX"; the last is the one new entries are hashed under,
// the earlier ones verify what was written before a rotation.

// KeySize is the length of a key in bytes.
const KeySize = 32

// Key is one key of the keyring.
type Key struct {
	ID     string // derived from the key, safe to show and store
	secret []byte
}

// Keyring is the keys an installation has had, the current one last.
type Keyring struct {
	keys []Key
}

// Current is the key new entries are hashed under.
func (k *Keyring) Current() Key { return k.keys[len(k.keys)-1] }

func (k *Keyring) byID(id string) ([]byte, bool) {
	for _, key := range k.keys {
		if key.ID == id {
			return key.secret, true
		}
	}
	return nil, false
}

// keyID names a key without revealing it.
func keyID(secret []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("gaoxin audit key id"))
	return hex.EncodeToString(m.Sum(nil))[:12]
}

// NewKey makes a random key.
func NewKey() Key {
	secret := make([]byte, KeySize)
	if _, err := rand.Read(secret); err != nil {
		panic(err)
	}
	return Key{ID: keyID(secret), secret: secret}
}

// ParseKeyring reads a key file's text; name is for messages.
func ParseKeyring(name string, text []byte) (*Keyring, error) {
	var ring Keyring
	sc := bufio.NewScanner(bytes.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		hexKey := fields[len(fields)-1]
		secret, err := hex.DecodeString(hexKey)
		if err != nil || len(secret) != KeySize {
			return nil, fmt.Errorf("audit key %s, line %d: expected %d bytes in hexadecimal (%d characters)", name, line, KeySize, 2*KeySize)
		}
		key := Key{ID: keyID(secret), secret: secret}
		if len(fields) == 2 && fields[0] != key.ID {
			return nil, fmt.Errorf("audit key %s, line %d: the key's id is %s, not %s: the line was altered", name, line, key.ID, fields[0])
		}
		ring.keys = append(ring.keys, key)
	}
	if len(ring.keys) == 0 {
		return nil, fmt.Errorf("audit key %s: no key in the file", name)
	}
	return &ring, nil
}

// LoadKeyring reads a key file. A missing file is fs.ErrNotExist.
func LoadKeyring(path string) (*Keyring, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseKeyring(path, text)
}

// line is a key as its file writes it.
func (k Key) line() string { return k.ID + " " + hex.EncodeToString(k.secret) + "\n" }

// WriteKeyFile creates path with one new key, readable by its owner only.
// It refuses to overwrite a key file: losing a key loses the proof of
// everything hashed under it.
func WriteKeyFile(path string, key Key) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString("# gaoxin audit keys, oldest first; keep every line: each verifies what it hashed\n" + key.line()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// AppendKey adds a new current key to an existing key file.
func AppendKey(path string, key Key) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(key.line()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// KeyringFromHex is a keyring of one key given as hexadecimal, as the
// GAOXIN_AUDIT_KEY variable holds it.
func KeyringFromHex(text string) (*Keyring, error) {
	return ParseKeyring("GAOXIN_AUDIT_KEY", []byte(strings.TrimSpace(text)))
}

var (
	keysMu sync.RWMutex
	keys   *Keyring
)

// UseKeys makes ring the keyring this process hashes and verifies with;
// nil goes back to unkeyed hashing, which a keyed trail refuses.
func UseKeys(ring *Keyring) {
	keysMu.Lock()
	keys = ring
	keysMu.Unlock()
}

// Keys is the keyring in use, or nil.
func Keys() *Keyring {
	keysMu.RLock()
	defer keysMu.RUnlock()
	return keys
}

// ErrKeyNotInRing is returned for an entry hashed under a key the keyring
// lacks: a key was dropped from the file, or the entry was forged.
var ErrKeyNotInRing = errors.New("the audit key an entry names is not in the keyring: every key the trail was hashed under must stay in the key file")

// ErrNoKey is returned when the trail is keyed and this process has no key.
var ErrNoKey = errors.New("the audit trail is keyed, and no audit key is configured (GAOXIN_AUDIT_KEY_FILE or GAOXIN_AUDIT_KEY)")

// sum is an entry's hash over body: HMAC under the key named, or plain
// SHA-256 for the older, unkeyed entries.
func sum(ring *Keyring, id string, body []byte) (string, error) {
	if id == "" {
		s := sha256.Sum256(body)
		return hex.EncodeToString(s[:]), nil
	}
	if ring == nil {
		return "", ErrNoKey
	}
	secret, ok := ring.byID(id)
	if !ok {
		return "", fmt.Errorf("key %s: %w", id, ErrKeyNotInRing)
	}
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil)), nil
}

// RingOf is a keyring of the keys given, the current one last.
func RingOf(keys ...Key) *Keyring { return &Keyring{keys: keys} }
