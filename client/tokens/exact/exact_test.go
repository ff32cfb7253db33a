package exact

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/lockchat/lockchat/client/tokens/tokenstest"
)

// TestMain checks, before any test counts, that loading the package did
// not load the tables: a program that imports it pays nothing at start-up.
func TestMain(m *testing.M) {
	if loaded.Load() {
		fmt.Fprintln(os.Stderr, "the o200k_base tables were loaded at start-up")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func TestCountMatchesO200kBase(t *testing.T) {
	for _, s := range tokenstest.Samples(t) {
		got := Count(s.Text)
		t.Logf("%s: Count %d, o200k_base %d", s.Name, got, s.Want)
		if got != s.Want {
			t.Errorf("%s: Count = %d, want exactly %d: the chunks must end where pieces end", s.Name, got, s.Want)
		}
	}
}

func TestCountChunksCostAtMostATokenPerCut(t *testing.T) {
	enc := encoder()
	for name, text := range map[string]string{
		"letters":  strings.Repeat("abcdefghij", 500),
		"spaces":   "x" + strings.Repeat(" ", 5000) + "y",
		"rule":     strings.Repeat("=", 5000),
		"digits":   strings.Repeat("1234567890", 500),
		"cjk line": strings.Repeat("港口小镇醒得很慢", 300),
		"words":    strings.Repeat("the quick brown fox ", 400),
	} {
		whole := len(enc.EncodeOrdinary(text))
		got := Count(text)
		cuts := len(text) / softChunk
		if got < whole || got > whole+cuts {
			t.Errorf("%s: Count = %d, whole text %d tokens, %d cuts at most", name, got, whole, cuts)
		}
	}
}

func TestChunkEndKeepsRunesWhole(t *testing.T) {
	text := strings.Repeat("é", 3000) // two bytes each, no word boundary
	for len(text) > 0 {
		n := chunkEnd(text)
		if n == 0 || n > hardChunk || !utf8.ValidString(text[:n]) {
			t.Fatalf("chunk of %d bytes, valid %v", n, utf8.ValidString(text[:n]))
		}
		text = text[n:]
	}
}

func TestCountInvalidUTF8Ends(t *testing.T) {
	text := strings.Repeat("\x80", 5000) + strings.Repeat("\xff\xfe", 2000)
	if got := Count(text); got <= 0 {
		t.Fatalf("Count = %d for 9000 invalid bytes", got)
	}
}

func TestCountSpecialTokensAsText(t *testing.T) {
	got := Count("<|endoftext|>")
	if got <= 1 {
		t.Fatalf("Count(<|endoftext|>) = %d: it must be counted as ordinary text, not as one special token", got)
	}
}

func TestEmpty(t *testing.T) {
	if got := Count(""); got != 0 {
		t.Fatalf("Count(\"\") = %d", got)
	}
}

func TestCountConcurrent(t *testing.T) {
	ss := tokenstest.Samples(t)
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(ss))
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range ss {
				if got := Count(s.Text); got != s.Want {
					errs <- fmt.Sprintf("%s: %d, want %d", s.Name, got, s.Want)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
