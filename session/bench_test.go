package session

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkAppendDelta measures one delta flush on a reply that already
// holds 1 KB or 100 KB: the two must cost the same. store-B/op is how much
// the store's files grew per delta.
func BenchmarkAppendDelta(b *testing.B) {
	for _, size := range []int{1 << 10, 100 << 10} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			s := openTest(b)
			_, reply := newChat(b, s, "benchmark")
			const piece = "lorem ipsum dolor sit amet, consectetur "
			for n := 0; n < size; n += len(piece) {
				must(b, s.AppendDelta(reply, piece))
			}
			b.SetBytes(int64(len(piece)))
			before := storeBytes(b, s.Path())
			for b.Loop() {
				if err := s.AppendDelta(reply, piece); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(storeBytes(b, s.Path())-before)/float64(b.N), "store-B/op")
		})
	}
}

// The generated store for the list and search benchmarks.
const (
	benchConversations = 10_000
	benchPerConv       = 100 // 1,000,000 messages in all
	benchVocabulary    = 5_000
)

var benchStorePath = sync.OnceValues(func() (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("lockchat-bench-v%d-%dx%d.db", SchemaVersion, benchConversations, benchPerConv))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".partial"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	start := time.Now()
	if err := generateBenchStore(tmp); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "generated %s in %v\n", path, time.Since(start).Round(time.Second))
	return path, os.Rename(tmp, path)
})

// openBenchStore opens (generating once, then caching in the temporary
// directory) a store of 10,000 conversations and 1,000,000 messages.
func openBenchStore(b *testing.B) *Store {
	path, err := benchStorePath()
	if err != nil {
		b.Fatal(err)
	}
	s, _, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchWord returns word k of a made-up vocabulary, pronounceable so that
// the tokenizer treats it like a real word.
func benchWord(k int) string {
	const cons, vows = "bcdfghklmnprstvz", "aeiou"
	var w []byte
	for k++; k > 0; k /= 80 {
		d := k % 80
		w = append(w, cons[d%16], vows[d/16])
	}
	return string(w)
}

func generateBenchStore(path string) error {
	s, _, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, benchVocabulary-1)
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	convStmt, err := tx.Prepare(`INSERT INTO conversations (id, title, created, updated, provider, models, message_count)
		VALUES (?, ?, ?, ?, 'https://api.example.com/v1', '["gpt-x"]', ?)`)
	if err != nil {
		return err
	}
	msgStmt, err := tx.Prepare(`INSERT INTO messages (id, conversation_id, role, content, model, created, status)
		VALUES (?, ?, ?, ?, ?, ?, 'complete')`)
	if err != nil {
		return err
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	var text strings.Builder
	for c := range benchConversations {
		created := base + rng.Int64N(365*24*3600*1000)
		convID := encodeID(created, uint32(c))
		if _, err := convStmt.Exec(convID, fmt.Sprint("conversation ", c), created, created+benchPerConv*60_000, benchPerConv); err != nil {
			return err
		}
		for m := range benchPerConv {
			text.Reset()
			for range 4 + rng.IntN(16) {
				text.WriteString(benchWord(int(zipf.Uint64())))
				text.WriteByte(' ')
			}
			role, model := RoleUser, ""
			if m%2 == 1 {
				role, model = RoleAssistant, "gpt-x"
			}
			at := created + int64(m)*60_000
			if _, err := msgStmt.Exec(encodeID(at, uint32(c*benchPerConv+m)), convID, role, text.String(), model, at); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// BenchmarkListNewest50 lists the newest 50 of 10,000 conversations
// (1,000,000 messages). Target: under 50 ms.
func BenchmarkListNewest50(b *testing.B) {
	s := openBenchStore(b)
	for b.Loop() {
		cs, err := s.List(50, 0)
		if err != nil || len(cs) != 50 {
			b.Fatal(len(cs), err)
		}
	}
}

// BenchmarkOpenListNewest50 opens that store and lists the newest 50, as
// lockchat ls does.
func BenchmarkOpenListNewest50(b *testing.B) {
	path, err := benchStorePath()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, _, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if cs, err := s.List(50, 0); err != nil || len(cs) != 50 {
			b.Fatal(len(cs), err)
		}
		s.Close()
	}
}

// BenchmarkSearch searches 1,000,000 messages for the best 20 hits.
// Target: under 50 ms. Words are Zipf-distributed; "rare" is about the
// 1000th most common word, "common" the 20th.
func BenchmarkSearch(b *testing.B) {
	s := openBenchStore(b)
	for name, q := range map[string]string{
		"rare":      benchWord(1000),
		"two-words": benchWord(100) + " " + benchWord(300),
		"prefix":    benchWord(1000)[:3] + "*",
		"common":    benchWord(20),
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				hits, err := s.Search(q, 20)
				if err != nil || len(hits) == 0 {
					b.Fatal(q, len(hits), err)
				}
			}
		})
	}
}
