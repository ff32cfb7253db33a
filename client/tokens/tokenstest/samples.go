// Package tokenstest holds the texts the token counters are tested and
// measured on, with their o200k_base counts, for client/tokens and
// client/tokens/exact alike.
package tokenstest

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Sample is one text of client/tokens/testdata.
type Sample struct {
	Name string
	Text string
	Want int // o200k_base, from the reference tokenizer
}

// Samples reads testdata/o200k_base.txt and the files it names: prose,
// code and CJK text.
func Samples(tb testing.TB) []Sample {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "testdata")
	f, err := os.Open(filepath.Join(dir, "o200k_base.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Sample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, n, _ := strings.Cut(line, " ")
		want, err := strconv.Atoi(n)
		if err != nil {
			tb.Fatalf("bad line %q", line)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, Sample{name, string(data), want})
	}
	if len(out) < 3 {
		tb.Fatalf("%d samples, want prose, code and CJK", len(out))
	}
	return out
}

// Large is the input a counter must not be quadratic on: a 270 KB paste
// and a 100 KB run without a break.
func Large(tb testing.TB) map[string]string {
	tb.Helper()
	return map[string]string{
		"paste-270KB": strings.Repeat(Samples(tb)[0].Text, 100),
		"run-100KB":   strings.Repeat("a", 100_000),
	}
}
