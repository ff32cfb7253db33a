package session

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"
)

// idAlphabet is Crockford's base32 in lower case. Its characters are in
// ascending ASCII order, so IDs sort by the time they encode.
const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// Lengths of the two parts of an ID: 9 characters (45 bits) of Unix
// milliseconds last until the year 3084; 4 characters (20 bits) of randomness
// keep IDs made in the same millisecond by different processes apart.
const (
	idTimeChars = 9
	idRandChars = 4
	// IDLength is the length of every ID NewID returns.
	IDLength = idTimeChars + idRandChars
)

// idClock makes IDs from one process strictly increasing: within one
// millisecond the random part counts up instead of being drawn again, so two
// IDs made in a row never collide and still sort in creation order.
var idClock struct {
	sync.Mutex
	ms   int64
	rand uint32
}

// NewID returns a new conversation or message ID: 13 characters of lower-case
// base32, URL-safe, sortable by creation time, unique without asking the
// database. Callers (the UI) assign IDs themselves and persist them later.
func NewID() string {
	ms := time.Now().UnixMilli()
	idClock.Lock()
	if ms <= idClock.ms {
		ms = idClock.ms
		idClock.rand++
		if idClock.rand >= 1<<(5*idRandChars) {
			ms++
			idClock.rand = randomBits()
		}
	} else {
		idClock.rand = randomBits()
	}
	idClock.ms = ms
	r := idClock.rand
	idClock.Unlock()
	return encodeID(ms, r)
}

// randomBits draws the random part of an ID, leaving headroom below the top
// so the per-millisecond counter rarely overflows into the next millisecond.
func randomBits() uint32 {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms.
	return binary.BigEndian.Uint32(b[:]) % (1 << (5*idRandChars - 1))
}

func encodeID(ms int64, r uint32) string {
	var out [IDLength]byte
	for i := idTimeChars - 1; i >= 0; i-- {
		out[i] = idAlphabet[ms&31]
		ms >>= 5
	}
	for i := IDLength - 1; i >= idTimeChars; i-- {
		out[i] = idAlphabet[r&31]
		r >>= 5
	}
	return string(out[:])
}
