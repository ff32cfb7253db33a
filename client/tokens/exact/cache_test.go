package exact

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/lockchat/lockchat/client/tokens/tokenstest"
)

func TestCacheCountsLikeCount(t *testing.T) {
	var c Cache
	for _, s := range tokenstest.Samples(t) {
		for range 2 {
			if got := c.Count(s.Text); got != s.Want {
				t.Errorf("%s: Cache.Count = %d, want %d", s.Name, got, s.Want)
			}
		}
	}
	if len(c.counts) != len(tokenstest.Samples(t)) {
		t.Errorf("%d entries for %d texts", len(c.counts), len(tokenstest.Samples(t)))
	}
}

func TestCacheStaysBounded(t *testing.T) {
	var c Cache
	for i := range cacheEntries + 10 {
		c.Count(fmt.Sprint("text ", i))
	}
	if n := len(c.counts); n > cacheEntries {
		t.Errorf("%d entries, bound %d", n, cacheEntries)
	}
	if got := c.Count("text 1"); got != Count("text 1") {
		t.Errorf("count after the reset = %d", got)
	}
}

func TestCacheConcurrent(t *testing.T) {
	var c Cache
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				text := "word" + strings.Repeat(" word", (g+i)%7)
				if got, want := c.Count(text), (g+i)%7+1; got != want {
					t.Errorf("Count(%q) = %d, want %d", text, got, want)
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkCacheHistory measures a 200-message history measured again:
// one look-up per message.
func BenchmarkCacheHistory(b *testing.B) {
	var msgs []string
	for i := range 200 {
		msgs = append(msgs, strings.Repeat(fmt.Sprint("message ", i, " says something. "), 20))
	}
	var c Cache
	for _, m := range msgs {
		c.Count(m)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			c.Count(m)
		}
	}
}
