package tokens

import (
	"math"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/tokens/tokenstest"
)

func TestSamplesAreLargeEnough(t *testing.T) {
	for _, s := range tokenstest.Samples(t) {
		if len(s.Text) < 2048 {
			t.Errorf("%s: %d bytes, want at least 2 KB", s.Name, len(s.Text))
		}
	}
}

func TestEstimateWithin15Percent(t *testing.T) {
	for _, s := range tokenstest.Samples(t) {
		got := Estimate(s.Text)
		off := relErr(got, s.Want)
		t.Logf("%s: Estimate %d, o200k_base %d (%+.1f%%)", s.Name, got, s.Want, 100*float64(got-s.Want)/float64(s.Want))
		if off > 0.15 {
			t.Errorf("%s: Estimate = %d, o200k_base %d (%.1f%% off, limit 15%%)", s.Name, got, s.Want, 100*off)
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
