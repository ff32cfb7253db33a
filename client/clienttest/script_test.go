package clienttest

import "testing"

func TestScripts(t *testing.T) {
	rec := &Recorded{Chat: ChatRequest{Model: "m"}}
	status := func(s Script, n int) int {
		r := s(n, rec)
		if r.Status == 0 {
			return 200
		}
		return r.Status
	}
	fail := FailFirst(2, Unavailable("1"), Always(TooManyRequests("")))
	for n, want := range map[int]int{1: 503, 2: 503, 3: 429, 10: 429} {
		if got := status(fail, n); got != want {
			t.Errorf("FailFirst request %d: %d, want %d", n, got, want)
		}
	}
	var thenN []int
	missing := ModelMissingFirst(1, func(n int, _ *Recorded) Response {
		thenN = append(thenN, n)
		return Reply()
	})
	if status(missing, 1) != 404 || status(missing, 2) != 200 || len(thenN) != 1 || thenN[0] != 1 {
		t.Errorf("ModelMissingFirst: then saw %v", thenN)
	}
	if status(FailFirst(1, Raw(500, "", ""), nil), 2) != 200 || status(Sequence(), 1) != 200 {
		t.Error("nil or empty scripts do not fall back to the default reply")
	}
}
