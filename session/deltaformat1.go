package session

import "bytes"

// Format 1 delta logs, written by lockchat before records had a marker,
// may be left behind by a crash across an upgrade. They are read as they
// always were: up to the first bad record, since without a marker there
// is nothing to resynchronise on.

// resyncWindowV1 bounds how far past a bad format-1 record tornTailV1
// looks for an intact one; a write cut short is one record, far shorter.
const resyncWindowV1 = 1 << 20

// formatV1 reports whether data is a format-1 log: it starts with an
// intact record without a marker, not followed by a format-2 record (as a
// format-2 log whose first marker was lost would be). A damaged format-2
// log is read as format 2.
func formatV1(data []byte) bool {
	if bytes.HasPrefix(data, []byte(recordMarker)) {
		return false
	}
	_, _, n := parseBody(data)
	if n == 0 {
		return false
	}
	_, _, next := parseRecord(data[n:])
	return next == 0
}

// scanLogV1 calls found for each intact record at the start of data and
// reports whether the rest is clean (nothing, or a write cut short), and
// where the records ended.
func scanLogV1(data []byte, found func(off int, id string, text []byte)) (clean bool, end int) {
	for end < len(data) {
		id, text, n := parseBody(data[end:])
		if n == 0 {
			return tornTailV1(data[end:]), end
		}
		found(end, id, text)
		end += n
	}
	return true, end
}

// tornTailV1 is tornTail for format 1: a record cut short, with no intact
// record after its start, or zeros.
func tornTailV1(rest []byte) bool {
	if len(bytes.Trim(rest, "\x00")) == 0 {
		return true
	}
	if !endsPastEOF(rest) {
		return false
	}
	for i := 1; i < len(rest) && i < resyncWindowV1; i++ {
		if _, _, n := parseBody(rest[i:]); n > 0 {
			return false
		}
	}
	return true
}
