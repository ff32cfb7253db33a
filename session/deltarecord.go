package session

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
)

// A delta log is a sequence of records, one per AppendDelta:
//
//	crc32c    4 bytes, little endian, over everything after it
//	id length 1 byte
//	text len  uvarint
//	id        message ID
//	text      the delta
//
// About 20 bytes of overhead for a 13-character ID, against the 4 KiB
// page a SQLite commit appends to the WAL. The checksum lets a reader tell
// a record cut short by a crash (or garbage) from a whole one.
const (
	recordCRCLen = 4
	maxIDLen     = 255
	// maxTextLen bounds a record's declared length, so that a damaged
	// length field is caught rather than trusted.
	maxTextLen = 1 << 30
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendRecord appends the encoded record for one delta to buf.
func appendRecord(buf []byte, msgID, text string) []byte {
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
	// good is the length of the log's readable prefix.
	good int64
	// damaged is set when a bad record is followed by more data: not a
	// write cut short by a crash, but a log damaged in the middle. Reading
	// stopped there.
	damaged bool
}

func (l *logText) text(msgID string) string {
	if b := l.texts[msgID]; b != nil {
		return b.String()
	}
	return ""
}

// parseLog reads the whole records at the start of data, keeping the text
// of the messages want accepts (all of them when want is nil).
func parseLog(data []byte, want func(msgID string) bool) logText {
	l := logText{texts: map[string]*strings.Builder{}}
	for off := 0; off < len(data); {
		id, text, n := parseRecord(data[off:])
		if n == 0 {
			l.damaged = !tornTail(data[off:])
			break
		}
		if want == nil || want(id) {
			b := l.texts[id]
			if b == nil {
				b = &strings.Builder{}
				l.texts[id] = b
			}
			b.Write(text)
		}
		off += n
		l.good = int64(off)
	}
	return l
}

// parseRecord decodes the record at the start of data and returns its
// length, or 0 if there is no whole, intact record there.
func parseRecord(data []byte) (id string, text []byte, n int) {
	if len(data) < recordCRCLen+2 {
		return "", nil, 0
	}
	idLen := int(data[recordCRCLen])
	textLen, k := binary.Uvarint(data[recordCRCLen+1:])
	if k <= 0 || idLen == 0 || textLen > maxTextLen {
		return "", nil, 0
	}
	head := recordCRCLen + 1 + k
	n = head + idLen + int(textLen)
	if n > len(data) || crc32.Checksum(data[recordCRCLen:n], castagnoli) != binary.LittleEndian.Uint32(data) {
		return "", nil, 0
	}
	return string(data[head : head+idLen]), data[head+idLen : n], n
}

// resyncWindow bounds how far past a bad record tornTail looks for an
// intact one; a write cut short is one record, far shorter.
const resyncWindow = 1 << 20

// tornTail reports whether rest, which does not start with an intact
// record, is what a write cut short leaves: a record whose declared end
// lies at or past the end of the file with no intact record after its
// start, or zeros (a file system may extend a file before its data lands).
func tornTail(rest []byte) bool {
	if len(bytes.Trim(rest, "\x00")) == 0 {
		return true
	}
	if !endsPastEOF(rest) {
		return false
	}
	for i := 1; i < len(rest) && i < resyncWindow; i++ {
		if _, _, n := parseRecord(rest[i:]); n > 0 {
			return false
		}
	}
	return true
}

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
