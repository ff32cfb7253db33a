package session

import (
	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
)

// Outcome is the one rule that turns how a stream ended into the Ending a
// reply is finished with: nil is complete, a cancel is stopped (the text
// received is kept), a stream cut short is truncated, anything else is an
// error. The sentence is sanitised: it reaches the screen and the store.
// Usage and reasoning time are for the caller to fill in.
func Outcome(err error) Ending {
	if err == nil {
		return Ending{Status: StatusComplete}
	}
	ce, ok := client.AsError(err)
	if !ok {
		return Ending{Status: StatusError, ErrorText: sanitize.Line(err.Error())}
	}
	switch ce.Kind {
	case client.KindCanceled:
		return Ending{Status: StatusStopped}
	case client.KindTruncated:
		return Ending{Status: StatusTruncated, ErrorText: sanitize.Line(ce.Message)}
	}
	return Ending{Status: StatusError, ErrorText: sanitize.Line(ce.Message)}
}

// Finished reports whether a status is final: every status but streaming.
func (s Status) Finished() bool { return s != StatusStreaming && s.valid() }
