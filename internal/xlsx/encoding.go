package xlsx

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var utf8BOM = []byte("\xef\xbb\xbf")

// decodeText turns a CSV's bytes into UTF-8.
func decodeText(name string, body []byte, encoding string) ([]byte, error) {
	switch strings.ToLower(encoding) {
	case "", "auto":
		return decodeGuessed(name, body)
	case "utf-8", "utf8":
		return strictUTF8(name, bytes.TrimPrefix(body, utf8BOM), "xlsx.err.not_utf8")
	case "gb18030", "gbk":
		return decodeWith(name, bytes.TrimPrefix(body, utf8BOM), simplifiedchinese.GB18030, "GB18030")
	case "windows-1252", "cp1252":
		return decodeWith(name, bytes.TrimPrefix(body, utf8BOM), charmap.Windows1252, "Windows-1252")
	}
	return nil, refusal(name, nil, "xlsx.err.encoding_name", encoding)
}

// decodeGuessed reads text as UTF-8 or as GB18030 (what Excel on a
// Chinese Windows saves), by what the bytes show. A file that is mostly
// UTF-8 is never read as GB18030: that would turn a few damaged bytes into
// a whole file of garbled Chinese, and the user would be told about a
// missing column instead of about the damage.
func decodeGuessed(name string, body []byte) ([]byte, error) {
	if rest, ok := bytes.CutPrefix(body, utf8BOM); ok {
		return strictUTF8(name, rest, "xlsx.err.utf8_damaged")
	}
	if utf8.Valid(body) {
		if isGB2312PassingAsUTF8(body) {
			return decodeWith(name, body, simplifiedchinese.GB18030, "GB18030")
		}
		return body, nil
	}
	share, firstBad := utf8Share(body)
	if share >= damagedUTF8Share && !gb2312Throughout(body) {
		return nil, refusalAt(name, body, firstBad, nil, "xlsx.err.utf8_damaged")
	}
	if bad := firstInvalidGB18030(body); bad >= 0 {
		return nil, refusalAt(name, body, bad, nil, "xlsx.err.unknown_encoding")
	}
	return decodeWith(name, body, simplifiedchinese.GB18030, "GB18030")
}

// damagedUTF8Share is the share of non-ASCII bytes forming valid UTF-8
// from which a file is taken for damaged UTF-8. Chinese in GB18030 reads
// as about one third valid UTF-8 by accident (0.34 over the product's own
// Chinese messages; one message in ten, all short, reaches a half), while
// UTF-8 with a few damaged bytes reads as nearly all valid. Where short
// GB18030 text does reach a half, gb2312Throughout tells it apart.
const damagedUTF8Share = 0.5

// utf8Share measures which part of the non-ASCII bytes form valid UTF-8
// sequences, and finds the first byte that does not.
func utf8Share(body []byte) (share float64, firstBad int) {
	valid, invalid := 0, 0
	firstBad = -1
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			if firstBad < 0 {
				firstBad = i
			}
			invalid++
		} else {
			valid += size
		}
		i += size
	}
	if valid+invalid == 0 {
		return 0, firstBad
	}
	return float64(valid) / float64(valid+invalid), firstBad
}

// gb2312Throughout reports whether every non-ASCII byte pairs up into a
// GB2312 character (both bytes 0xA1–0xFE): the common Chinese and symbols
// of a GB18030 file. UTF-8 rarely looks so: half of its continuation bytes
// lie below 0xA1, so a few characters of UTF-8 already break the pattern.
func gb2312Throughout(body []byte) bool {
	for i := 0; i < len(body); i++ {
		if body[i] < utf8.RuneSelf {
			continue
		}
		if i+1 >= len(body) || !isGB2312Byte(body[i]) || !isGB2312Byte(body[i+1]) {
			return false
		}
		i++
	}
	return true
}

func isGB2312Byte(c byte) bool { return c >= 0xa1 && c <= 0xfe }

// isGB2312PassingAsUTF8 catches the short GB18030 file that happens to
// be valid UTF-8: a pair of GB2312 bytes is a valid two-byte UTF-8
// character often enough (状态 and 筛选 are), and then it spells a letter
// of IPA, Greek, Cyrillic, Hebrew or Arabic (U+0250–U+07FF). A file whose
// only non-ASCII text is such letters, and whose bytes are GB2312 pairs
// throughout, is Chinese. Real text in those scripts fails the pair test
// at once (Cyrillic р–я and most capitals have bytes below 0xA1), and
// text with any CJK, Latin letter or punctuation is left as UTF-8.
func isGB2312PassingAsUTF8(body []byte) bool {
	sawOther := false
	for _, r := range string(body) {
		if r < utf8.RuneSelf {
			continue
		}
		if r < 0x0250 || r > 0x07ff {
			return false
		}
		sawOther = true
	}
	return sawOther && gb2312Throughout(body)
}

// firstInvalidGB18030 returns the offset of the first byte that is no
// part of a GB18030 character, or -1. The decoder would make it U+FFFD
// without a word; a file with such bytes is neither encoding, and saying
// where is more use than a replacement character in the data.
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

// decodeWith decodes body from enc, whose decoders put U+FFFD for what
// they cannot read and so fail only by accident.
func decodeWith(name string, body []byte, enc encoding.Encoding, label string) ([]byte, error) {
	text, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, refusal(name, err, "xlsx.err.decode", label)
	}
	return text, nil
}

// strictUTF8 returns body if it is UTF-8, else a refusal naming the first
// bad byte's place.
func strictUTF8(name string, body []byte, key string) ([]byte, error) {
	if utf8.Valid(body) {
		return body, nil
	}
	_, firstBad := utf8Share(body)
	return nil, refusalAt(name, body, firstBad, nil, key)
}
