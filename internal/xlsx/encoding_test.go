package xlsx

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/i18n"
)

// chineseSamples are the product's own Chinese messages, some 2,000
// sentences and words of every length: real Chinese to hold the encoding
// evidence to.
func chineseSamples(t *testing.T) []string {
	var samples []string
	for _, k := range i18n.Keys(i18n.ZH) {
		if s := i18n.T(i18n.ZH, k); strings.ContainsFunc(s, func(r rune) bool { return r > utf8.RuneSelf }) {
			samples = append(samples, s)
		}
	}
	if len(samples) < 1000 {
		t.Fatalf("only %d Chinese messages", len(samples))
	}
	return samples
}

func toGB18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Chinese in GB18030 reads as about a third valid UTF-8, well below
// damagedUTF8Share, and every message alone in a file, however short, is read
// as the Chinese it is.
func TestGB18030Evidence(t *testing.T) {
	var all []byte
	for _, s := range chineseSamples(t) {
		file := toGB18030(t, "说明\r\n"+s+"\r\n")
		all = append(all, file...)
		text, err := decodeGuessed("notes.csv", file)
		if err != nil || string(text) != "说明\r\n"+s+"\r\n" {
			t.Errorf("%q in GB18030 read as %q, %v", s, text, err)
		}
	}
	if share, _ := utf8Share(all); share > 0.4 {
		t.Errorf("GB18030 Chinese reads as %.2f valid UTF-8, want about a third", share)
	}
	// A name alone in ASCII is where GB18030 looks most like UTF-8.
	if share, _ := utf8Share(toGB18030(t, "JD1,新城街道,street")); share < damagedUTF8Share {
		t.Errorf("the short sample reads as %.2f valid UTF-8 and does not test gb2312Throughout", share)
	}
}

// Every message in UTF-8, cut in its last character or with one byte
// broken, is refused as damaged UTF-8 at its place, never read as GB18030.
func TestDamagedUTF8Evidence(t *testing.T) {
	for _, s := range chineseSamples(t) {
		whole := []byte("说明,备注\r\n" + s)
		last := strings.LastIndexFunc(string(whole), func(r rune) bool { return r >= utf8.RuneSelf })
		cut := whole[:last+1]                                                // ends inside its last character
		broken := slices.Concat(whole[:last+1], []byte("x"), whole[last+2:]) // its second byte replaced
		for _, damaged := range [][]byte{cut, broken} {
			_, err := decodeGuessed("notes.csv", damaged)
			var rerr *ReadError
			if !errors.As(err, &rerr) || rerr.Key != "xlsx.err.utf8_damaged" || rerr.Row != 2 || rerr.Column != 1+strings.Count(s, ",") {
				t.Errorf("%q: %v", damaged, err)
			}
		}
	}
}

// decodeGuessed reads body as a CSV whose encoding is to be found out,
// and returns its text.
func decodeGuessed(name string, body []byte) ([]byte, error) {
	c, err := openCSV(Bytes(name, body), "auto")
	if err != nil {
		return nil, err
	}
	return io.ReadAll(c.text())
}

// utf8Share is the share of body's non-ASCII bytes that form UTF-8.
func utf8Share(body []byte) (float64, int64) {
	e := newEvidence()
	e.add(body, 0)
	return e.utf8Share(), e.firstBadUTF8
}

// The evidence is gathered a piece at a time; read in pieces far smaller
// than a line, a file of many lines gets the same verdict and, when it is
// refused, the same place as read whole.
func TestEvidenceInPieces(t *testing.T) {
	samples := chineseSamples(t)[:300]
	utf := "说明,备注\r\n" + strings.Join(samples, "\r\n") + "\r\n"
	gb := toGB18030(t, utf)
	damaged := []byte(utf)
	at := len(damaged) - 40
	for damaged[at] < utf8.RuneSelf || !utf8.RuneStart(damaged[at]) {
		at--
	}
	damaged[at+1] = 'x' // the second byte of a character near the end
	files := map[string][]byte{"utf-8": []byte(utf), "gb18030": gb, "damaged": damaged}
	read := func() map[string]string {
		out := map[string]string{}
		for name, body := range files {
			text, err := decodeGuessed(name+".csv", body)
			out[name] = fmt.Sprintf("%x %v", sha256.Sum256(text), err)
		}
		return out
	}
	whole := read()
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 16
	inPieces := read()
	for name, want := range whole {
		if inPieces[name] != want {
			t.Errorf("%s in pieces: %s, read whole: %s", name, inPieces[name], want)
		}
	}
	if !strings.Contains(whole["damaged"], "xlsx.err.utf8_damaged") && !strings.Contains(whole["damaged"], "UTF-8") {
		t.Errorf("the damaged file was not refused: %s", whole["damaged"])
	}
	if !strings.HasSuffix(whole["gb18030"], "<nil>") || whole["gb18030"] != whole["utf-8"] {
		t.Errorf("GB18030 read as %s, UTF-8 as %s", whole["gb18030"], whole["utf-8"])
	}
}
