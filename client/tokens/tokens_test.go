package tokens

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

type sample struct {
	name string
	text string
	want int // o200k_base, from the reference tokenizer
}

// samples reads testdata/o200k_base.txt and the files it names.
func samples(t testing.TB) []sample {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "o200k_base.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []sample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, n, _ := strings.Cut(line, " ")
		want, err := strconv.Atoi(n)
		if err != nil {
			t.Fatalf("bad line %q", line)
		}
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sample{name, string(data), want})
	}
	if len(out) < 3 {
		t.Fatalf("%d samples, want prose, code and CJK", len(out))
	}
	return out
}

func TestSamplesAreLargeEnough(t *testing.T) {
	for _, s := range samples(t) {
		if len(s.text) < 2048 {
			t.Errorf("%s: %d bytes, want at least 2 KB", s.name, len(s.text))
		}
	}
}

func TestEstimateWithin15Percent(t *testing.T) {
	for _, s := range samples(t) {
		got := Estimate(s.text)
		off := relErr(got, s.want)
		t.Logf("%s: Estimate %d, o200k_base %d (%+.1f%%)", s.name, got, s.want, 100*float64(got-s.want)/float64(s.want))
		if off > 0.15 {
			t.Errorf("%s: Estimate = %d, o200k_base %d (%.1f%% off, limit 15%%)", s.name, got, s.want, 100*off)
		}
	}
}

func relErr(got, want int) float64 {
	return math.Abs(float64(got-want)) / float64(want)
}

func TestEstimateInvalidUTF8Ends(t *testing.T) {
	text := strings.Repeat("\x80", 5000) + strings.Repeat("\xff\xfe", 2000)
	if got := Estimate(text); got <= 0 {
		t.Fatalf("Estimate = %d for 9000 invalid bytes", got)
	}
}

func TestEstimateEmpty(t *testing.T) {
	if got := Estimate(""); got != 0 {
		t.Fatalf("Estimate(\"\") = %d", got)
	}
}

func TestEstimatePieces(t *testing.T) {
	for text, want := range map[string]int{
		"hello":                1,
		" hello world":         2,
		"parseErrorBody":       3,
		"1234567":              3,
		"--------------------": 1,
		"\n\n":                 1,
		"a, b":                 3,
		"internationalization": 3,
	} {
		if got := Estimate(text); got != want {
			t.Errorf("Estimate(%q) = %d, want %d", text, got, want)
		}
	}
}
