package clienttest

// Script chooses the response to a chat-completions request, the n-th
// (1-based) since the script was set.
// It is called from the request's handler goroutine, one request at a time,
// so it may keep state without locking; for the same reason it must not
// block. r is the script's own copy of the request.
type Script func(n int, r *Recorded) Response

// Always answers every request with resp.
func Always(resp Response) Script {
	return func(int, *Recorded) Response { return resp }
}

// Sequence answers the n-th request with resps[n-1], and every request after
// the last with the last one. With no responses it answers with the default
// reply.
func Sequence(resps ...Response) Script {
	return func(n int, _ *Recorded) Response {
		if len(resps) == 0 {
			return defaultReply()
		}
		return resps[min(n, len(resps))-1]
	}
}

// FailFirst answers the first n requests with fail and hands the rest to
// then, numbered from 1 again; then may be nil for the default reply.
func FailFirst(n int, fail Response, then Script) Script {
	return func(i int, r *Recorded) Response {
		if i <= n {
			return fail
		}
		if then == nil {
			return defaultReply()
		}
		return then(i-n, r)
	}
}

// ModelMissingFirst answers the first n requests as Lockchat does when its
// key of the moment lacks the requested model (see ModelMissing), then hands
// over to then, numbered from 1 again.
func ModelMissingFirst(n int, then Script) Script {
	return func(i int, r *Recorded) Response {
		if i <= n {
			return ModelMissing(r.Chat.Model)
		}
		if then == nil {
			return defaultReply()
		}
		return then(i-n, r)
	}
}

// RefuseStreamOptions answers every request that carries stream_options
// as Mistral does (see StreamOptionsRefused) and hands the others to then,
// numbered from 1 among themselves; then may be nil for the default reply.
func RefuseStreamOptions(then Script) Script {
	n := 0
	return func(_ int, r *Recorded) Response {
		if r.Chat.StreamOptions != nil {
			return StreamOptionsRefused()
		}
		if then == nil {
			return defaultReply()
		}
		n++
		return then(n, r)
	}
}

// DefaultText is what the server streams when no script is set.
const DefaultText = "Hello! This is the lockchat test server."

// DefaultReasoning is what the server reasons when a fault asks it to and
// no script says otherwise.
const DefaultReasoning = "The user said hello. A short, friendly greeting that names the server is enough."

func defaultReply() Response {
	return ReplyText(DefaultText, 4, 0)
}
