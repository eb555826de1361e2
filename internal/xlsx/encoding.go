package xlsx

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var utf8BOM = []byte("\xef\xbb\xbf")

// openCSV finds out how a CSV's bytes decode: by what they show when
// named is "auto", else as named. It reads the file once, a piece at a
// time; a refusal names the row and column of the first bad byte.
func openCSV(f File, named string) (*csvFile, error) {
	c := &csvFile{File: f}
	head := make([]byte, len(utf8BOM))
	n, _ := f.Data.ReadAt(head, 0)
	bom := bytes.Equal(head[:n], utf8BOM)
	if bom {
		c.start = int64(len(utf8BOM))
	}
	switch strings.ToLower(named) {
	case "", "auto":
		return c, c.guess(bom)
	case "utf-8", "utf8":
		return c, c.strictUTF8("xlsx.err.not_utf8")
	case "gb18030", "gbk":
		c.enc, c.label = simplifiedchinese.GB18030, "GB18030"
		return c, nil
	case "windows-1252", "cp1252":
		c.enc, c.label = charmap.Windows1252, "Windows-1252"
		return c, nil
	}
	return nil, refusal(f.Name, nil, "xlsx.err.encoding_name", named)
}

// guess reads text as UTF-8 or as GB18030 (what Excel on a Chinese
// Windows saves), by what the bytes show. A file that is mostly UTF-8 is
// never read as GB18030: that would turn a few damaged bytes into a whole
// file of garbled Chinese, and the user would be told about a missing
// column instead of about the damage.
func (c *csvFile) guess(bom bool) error {
	var e evidence
	if err := c.gather(&e); err != nil {
		return err
	}
	if bom {
		if e.invalid > 0 {
			return c.refusalAt(e.firstBadUTF8, "xlsx.err.utf8_damaged")
		}
		return nil
	}
	if e.invalid == 0 {
		if e.lettersOnly && e.gb2312Throughout {
			c.enc, c.label = simplifiedchinese.GB18030, "GB18030"
		}
		return nil
	}
	if e.utf8Share() >= damagedUTF8Share && !e.gb2312Throughout {
		return c.refusalAt(e.firstBadUTF8, "xlsx.err.utf8_damaged")
	}
	if e.firstBadGB18030 >= 0 {
		return c.refusalAt(e.firstBadGB18030, "xlsx.err.unknown_encoding")
	}
	c.enc, c.label = simplifiedchinese.GB18030, "GB18030"
	return nil
}

// strictUTF8 refuses a file that is not UTF-8, naming its first bad byte.
func (c *csvFile) strictUTF8(key string) error {
	var e evidence
	if err := c.gather(&e); err != nil {
		return err
	}
	if e.invalid > 0 {
		return c.refusalAt(e.firstBadUTF8, key)
	}
	return nil
}

// gather reads the text's bytes, after any BOM, into e.
func (c *csvFile) gather(e *evidence) error {
	*e = newEvidence()
	r := io.NewSectionReader(c.Data, c.start, c.Size-c.start)
	if err := eachChunk(r, e.add); err != nil {
		return refusal(c.Name, err, "xlsx.err.read")
	}
	return nil
}

// refusalAt names the row and column of the byte at offset in the text
// (after any BOM). Only now is the file read whole, to find the place.
func (c *csvFile) refusalAt(offset int64, key string) error {
	body, err := io.ReadAll(io.NewSectionReader(c.Data, c.start, c.Size-c.start))
	if err != nil {
		return refusal(c.Name, err, "xlsx.err.read")
	}
	return refusalAt(c.Name, body, int(offset), nil, key)
}

// damagedUTF8Share is the share of non-ASCII bytes forming valid UTF-8
// from which a file is taken for damaged UTF-8. Chinese in GB18030 reads
// as about one third valid UTF-8 by accident (0.34 over the product's own
// Chinese messages; one message in ten, all short, reaches a half), while
// UTF-8 with a few damaged bytes reads as nearly all valid. Where short
// GB18030 text does reach a half, gb2312Throughout tells it apart.
const damagedUTF8Share = 0.5

// evidence is what a file's bytes show of their encoding, gathered a
// piece at a time.
type evidence struct {
	// valid and invalid count the non-ASCII bytes that do and do not form
	// UTF-8 characters; firstBadUTF8 is the first that does not, or -1.
	valid, invalid int64
	firstBadUTF8   int64

	// gb2312Throughout: every non-ASCII byte pairs up into a GB2312
	// character (both bytes 0xA1–0xFE), the common Chinese and symbols of
	// a GB18030 file. UTF-8 rarely looks so: half of its continuation
	// bytes lie below 0xA1, so a few characters of UTF-8 already break
	// the pattern.
	gb2312Throughout bool

	// lettersOnly: the file has non-ASCII text and, read as UTF-8, all of
	// it is letters of IPA, Greek, Cyrillic, Hebrew or Arabic (U+0250–
	// U+07FF). A pair of GB2312 bytes is such a letter in UTF-8 often
	// enough (状态 and 筛选 are), so a short GB18030 file can be valid
	// UTF-8. One whose bytes are also GB2312 pairs throughout is Chinese:
	// real text in those scripts fails the pair test at once (Cyrillic р–я
	// and most capitals have bytes below 0xA1), and text with any CJK,
	// Latin letter or punctuation is left as UTF-8.
	lettersOnly bool
	sawOther    bool

	// firstBadGB18030 is the first byte that is no part of a GB18030
	// character, or -1. The decoder would make it U+FFFD without a word; a
	// file with such bytes is neither encoding, and saying where is more
	// use than a replacement character in the data.
	firstBadGB18030 int64
}

func newEvidence() evidence {
	return evidence{firstBadUTF8: -1, firstBadGB18030: -1, gb2312Throughout: true}
}

func (e *evidence) add(b []byte, base int64) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if e.firstBadUTF8 < 0 {
				e.firstBadUTF8 = base + int64(i)
			}
			e.invalid++
		} else {
			e.valid += int64(size)
			if !e.sawOther {
				e.sawOther, e.lettersOnly = true, true
			}
			if r < 0x0250 || r > 0x07ff {
				e.lettersOnly = false
			}
		}
		i += size
	}
	if e.gb2312Throughout {
		e.gb2312Throughout = gb2312Pairs(b)
	}
	if e.firstBadGB18030 < 0 {
		if bad := firstInvalidGB18030(b); bad >= 0 {
			e.firstBadGB18030 = base + int64(bad)
		}
	}
}

func (e *evidence) utf8Share() float64 {
	if e.valid+e.invalid == 0 {
		return 0
	}
	return float64(e.valid) / float64(e.valid+e.invalid)
}

// gb2312Pairs reports whether every non-ASCII byte of b pairs up into a
// GB2312 character.
func gb2312Pairs(b []byte) bool {
	for i := 0; i < len(b); i++ {
		if b[i] < utf8.RuneSelf {
			continue
		}
		if i+1 >= len(b) || !isGB2312Byte(b[i]) || !isGB2312Byte(b[i+1]) {
			return false
		}
		i++
	}
	return true
}

func isGB2312Byte(c byte) bool { return c >= 0xa1 && c <= 0xfe }

// firstInvalidGB18030 returns the offset of the first byte that is no
// part of a GB18030 character, or -1.
func firstInvalidGB18030(body []byte) int {
	for i := 0; i < len(body); {
		n := gb18030Len(body[i:])
		if n == 0 {
			return i
		}
		i += n
	}
	return -1
}

// gb18030Len is the length of the GB18030 character b starts with, 0 when
// b starts with none. 0x80 is the euro sign Excel writes in code page 936.
func gb18030Len(b []byte) int {
	in := func(c, lo, hi byte) bool { return c >= lo && c <= hi }
	switch {
	case b[0] <= 0x80:
		return 1
	case b[0] == 0xff || len(b) < 2:
		return 0
	case in(b[1], 0x40, 0x7e) || in(b[1], 0x80, 0xfe):
		return 2
	case len(b) >= 4 && in(b[1], 0x30, 0x39) && in(b[2], 0x81, 0xfe) && in(b[3], 0x30, 0x39):
		return 4
	}
	return 0
}
