package session

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
)

// A delta log is a sequence of records, one per AppendDelta (format 2):
//
//	marker    4 bytes, "\xffLD2"
//	crc32c    4 bytes, little endian, over everything after it
//	id length 1 byte
//	text len  uvarint
//	id        message ID
//	text      the delta
//
// About 24 bytes of overhead for a 13-character ID, against the 4 KiB
// page a SQLite commit appends to the WAL. The checksum lets a reader tell
// a record cut short by a crash (or garbage) from a whole one; the marker
// lets it find the next whole record after damage, so that one bad byte
// costs one record. Its first byte never occurs in UTF-8 text, so inside
// a delta's text it cannot be mistaken for the start of a record.
//
// Format 1, written by earlier lockchat versions, is the same without the
// marker; such logs are still read (parseLogV1), up to their first bad
// record.
const (
	recordMarker = "\xffLD2"
	markerLen    = len(recordMarker)
	recordCRCLen = 4
	maxIDLen     = 255
	// maxTextLen bounds a record's declared length, so that a damaged
	// length field is caught rather than trusted.
	maxTextLen = 1 << 30
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendRecord appends the encoded record for one delta to buf.
func appendRecord(buf []byte, msgID, text string) []byte {
	buf = append(buf, recordMarker...)
	start := len(buf)
	buf = append(buf, 0, 0, 0, 0, byte(len(msgID)))
	buf = binary.AppendUvarint(buf, uint64(len(text)))
	buf = append(buf, msgID...)
	buf = append(buf, text...)
	sum := crc32.Checksum(buf[start+recordCRCLen:], castagnoli)
	binary.LittleEndian.PutUint32(buf[start:], sum)
	return buf
}

// logText is what a delta log holds: the text of each message, in the
// order its records were written.
type logText struct {
	texts map[string]*strings.Builder
	// records counts the intact records read.
	records int
	// damaged is set when the log holds bytes that are neither whole
	// records nor what a write cut short by a crash leaves at the end:
	// garbage, or a record damaged in the middle. Reading went on at the
	// next intact record.
	damaged bool
}

func (l *logText) text(msgID string) string {
	if b := l.texts[msgID]; b != nil {
		return b.String()
	}
	return ""
}

func (l *logText) add(msgID string, text []byte, want func(string) bool) {
	l.records++
	if want != nil && !want(msgID) {
		return
	}
	b := l.texts[msgID]
	if b == nil {
		b = &strings.Builder{}
		l.texts[msgID] = b
	}
	b.Write(text)
}

// parseLog reads every intact record of data, keeping the text of the
// messages want accepts (all of them when want is nil).
func parseLog(data []byte, want func(msgID string) bool) logText {
	l := logText{texts: map[string]*strings.Builder{}}
	l.damaged = !walkLog(data, func(_ int, id string, text []byte) { l.add(id, text, want) })
	return l
}

// walkLog calls found for every intact record of a log in either format
// and reports whether the log was clean (see scanLog). A format-1 log is
// read up to its first bad record; format-2 records after it are still
// read, as when the start of a format-2 log reads as format 1.
func walkLog(data []byte, found func(off int, id string, text []byte)) (clean bool) {
	if formatV1(data) {
		clean, end := scanLogV1(data, found)
		if clean {
			return true
		}
		scanLog(data, end, found)
		return false
	}
	return scanLog(data, 0, found)
}

// scanLog calls found with the offset, message ID and text of every intact
// format-2 record in data from offset from on, in order. After a bad
// record it goes on at the next intact one. It reports whether data was
// clean: nothing but records and, at the end, what a write cut short
// leaves.
func scanLog(data []byte, from int, found func(off int, id string, text []byte)) (clean bool) {
	clean = true
	for off := from; off < len(data); {
		if id, text, n := parseRecord(data[off:]); n > 0 {
			found(off, id, text)
			off += n
			continue
		}
		next := nextRecord(data, off+1)
		if next < 0 {
			return clean && tornTail(data[off:])
		}
		clean = false
		off = next
	}
	return clean
}

// nextRecord returns the offset of the first intact record at or after
// from, or -1.
func nextRecord(data []byte, from int) int {
	for from < len(data) {
		i := bytes.Index(data[from:], []byte(recordMarker))
		if i < 0 {
			return -1
		}
		if _, _, n := parseRecord(data[from+i:]); n > 0 {
			return from + i
		}
		from += i + 1
	}
	return -1
}

// parseRecord decodes the format-2 record at the start of data and returns
// its length, or 0 if there is no whole, intact record there.
func parseRecord(data []byte) (id string, text []byte, n int) {
	if !bytes.HasPrefix(data, []byte(recordMarker)) {
		return "", nil, 0
	}
	id, text, n = parseBody(data[markerLen:])
	if n == 0 {
		return "", nil, 0
	}
	return id, text, markerLen + n
}

// parseBody decodes a record without its marker: checksum, lengths, ID
// and text, the whole of a format-1 record.
func parseBody(data []byte) (id string, text []byte, n int) {
	if len(data) < recordCRCLen+2 {
		return "", nil, 0
	}
	idLen := int(data[recordCRCLen])
	textLen, k := binary.Uvarint(data[recordCRCLen+1:])
	if k <= 0 || idLen == 0 || textLen > maxTextLen {
		return "", nil, 0
	}
	head := recordCRCLen + 1 + k
	if uint64(head+idLen)+textLen > uint64(len(data)) {
		return "", nil, 0
	}
	n = head + idLen + int(textLen)
	if crc32.Checksum(data[recordCRCLen:n], castagnoli) != binary.LittleEndian.Uint32(data) {
		return "", nil, 0
	}
	return string(data[head : head+idLen]), data[head+idLen : n], n
}

// tornTail reports whether rest, in which no intact record starts, is what
// a write cut short leaves: the start of a record whose declared end lies
// at or past the end of the file, or zeros (a file system may extend a file
// before its data lands).
func tornTail(rest []byte) bool {
	if len(bytes.Trim(rest, "\x00")) == 0 {
		return true
	}
	if len(rest) < markerLen {
		return strings.HasPrefix(recordMarker, string(rest))
	}
	return bytes.HasPrefix(rest, []byte(recordMarker)) && endsPastEOF(rest[markerLen:])
}

// endsPastEOF reports whether the record body starting rest declares an
// end at or past the end of rest.
func endsPastEOF(rest []byte) bool {
	if len(rest) < recordCRCLen+2 {
		return true
	}
	textLen, k := binary.Uvarint(rest[recordCRCLen+1:])
	if k == 0 {
		return true // The length itself was cut short.
	} else if k < 0 {
		return false // No writer wrote that length.
	}
	return uint64(recordCRCLen+1+k+int(rest[recordCRCLen]))+textLen >= uint64(len(rest))
}
