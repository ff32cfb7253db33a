package session

import (
	"fmt"
	"strings"
	"testing"
)

// fuzzRecord is one record of the log a fuzz input describes, with where
// it lies in the damaged log (-1 once damaged).
type fuzzRecord struct {
	id, text   string
	start, end int
}

// fuzzLog builds a log from spec: each record takes an ID byte, a length
// byte and up to that many bytes of text, made valid UTF-8 as every delta
// is.
func fuzzLog(spec []byte) ([]byte, []fuzzRecord) {
	var log []byte
	var recs []fuzzRecord
	for len(spec) >= 2 && len(recs) < 64 {
		id := []string{"m0", "m1", "01jqz8k2m4n6p"}[int(spec[0])%3]
		n := min(int(spec[1])%64+1, len(spec)-2)
		text := strings.ToValidUTF8(string(spec[2:2+n]), "?")
		spec = spec[2+n:]
		start := len(log)
		log = appendRecord(log, id, text)
		recs = append(recs, fuzzRecord{id, text, start, len(log)})
	}
	return log, recs
}

// damage changes log as mode says (overwrite, insert or delete patch's
// bytes at at) and returns the damaged log and the damaged span [lo, hi)
// in the original, with the shift of what follows it.
func damage(log []byte, mode uint8, at uint16, patch []byte) (out []byte, lo, hi, shift int) {
	patch = patch[:min(len(patch), 64)]
	switch mode % 3 {
	case 0: // Overwrite: the span is what actually changed.
		out = append([]byte{}, log...)
		if len(log) == 0 {
			return out, 0, 0, 0
		}
		off := int(at) % len(log)
		copy(out[off:], patch)
		lo, hi = len(log), len(log)
		for i := range out {
			if out[i] != log[i] {
				lo, hi = min(lo, i), i+1
			}
		}
		if lo == len(log) {
			lo = hi
		}
		return out, lo, hi, 0
	case 1: // Insert.
		off := int(at) % (len(log) + 1)
		out = append(append(append([]byte{}, log[:off]...), patch...), log[off:]...)
		return out, off, off, len(patch)
	default: // Delete.
		if len(log) == 0 {
			return nil, 0, 0, 0
		}
		off := int(at) % len(log)
		end := min(off+len(patch)%32+1, len(log))
		out = append(append([]byte{}, log[:off]...), log[end:]...)
		return out, off, end, off - end
	}
}

// FuzzParseLog damages a log of random records and checks that every
// record before the damage and every intact record after it is read back,
// where it lies, and that parseLog's texts are those records' text.
func FuzzParseLog(f *testing.F) {
	var many []byte
	for i := range 20 {
		many = append(many, byte(i), 9)
		many = append(many, fmt.Sprintf("delta %03d", i)...)
	}
	f.Add(many, uint8(0), uint16(6), []byte{0x7f})      // A bad length in the first record.
	f.Add(many, uint8(0), uint16(0), []byte("garbage")) // The first marker overwritten.
	f.Add(many, uint8(2), uint16(0), []byte("abcd"))    // The first marker deleted.
	f.Add(many, uint8(1), uint16(40), appendRecord(nil, "m1", "inserted"))
	f.Add([]byte("\x00\x05hello\x01\x05world"), uint8(2), uint16(8), []byte("x"))
	f.Fuzz(func(t *testing.T, spec []byte, mode uint8, at uint16, patch []byte) {
		log, recs := fuzzLog(spec)
		data, lo, hi, shift := damage(log, mode, at, patch)
		var want []fuzzRecord
		for _, r := range recs {
			switch {
			case r.end <= lo:
				want = append(want, r)
			case r.start >= hi:
				want = append(want, fuzzRecord{r.id, r.text, r.start + shift, r.end + shift})
			}
		}
		found := map[int]fuzzRecord{}
		texts := map[string]string{}
		walkLog(data, func(off int, id string, text []byte) {
			found[off] = fuzzRecord{id: id, text: string(text)}
			texts[id] += string(text)
		})
		for _, r := range want {
			got, ok := found[r.start]
			if !ok || got.id != r.id || got.text != r.text {
				t.Fatalf("damage [%d,%d) of %d bytes lost the intact record at %d (%s %q): found %v",
					lo, hi, len(log), r.start, r.id, r.text, found)
			}
		}
		l := parseLog(data, nil)
		for id, text := range texts {
			if l.text(id) != text {
				t.Fatalf("parseLog read %q for %s, the records hold %q", l.text(id), id, text)
			}
		}
		if lo == hi && shift == 0 && l.damaged {
			t.Fatalf("an undamaged log reads as damaged")
		}
	})
}
