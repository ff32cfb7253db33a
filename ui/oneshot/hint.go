package oneshot

import (
	"errors"
	"syscall"

	"github.com/lockchat/lockchat/client"
)

// lockchatGone is the way on from the default Lockchat host, which is gone.
const lockchatGone = "The Lockchat service could not be reached (it may be gone for good): " +
	"try --demo, --provider ollama, --provider openai with OPENAI_API_KEY set, or --base-url URL."

// localServers says how to start the server of each local preset, for
// the warning that it does not answer.
var localServers = map[string]string{
	"ollama":   "is Ollama running? Start it with: ollama serve",
	"llamacpp": "is llama-server running? Start it with: llama-server -m MODEL.gguf",
	"vllm":     "is vLLM running? Start it with: vllm serve MODEL",
	"lmstudio": "is LM Studio's server on? Start it with: lms server start",
}

// UnreachableHint names the ways on when p is the default Lockchat host,
// which is gone, and it cannot be reached; for any other provider or
// failure it adds nothing. Both front ends use it.
func UnreachableHint(p client.Provider) func(*client.Error) string {
	return func(e *client.Error) string {
		if !isDefaultLockchat(p) || (e.Kind != client.KindNetwork && e.Kind != client.KindTimeout) {
			return ""
		}
		return lockchatGone
	}
}

// UnreachableNotice phrases, for the chat's status row, a failure to reach
// p at start: the ways on from the default Lockchat host; for a local
// preset that refuses the connection, whether it is running and how to
// start it; else the failure's own sentence.
func UnreachableNotice(p client.Provider) func(error) string {
	return func(err error) string {
		if isDefaultLockchat(p) {
			return lockchatGone
		}
		if how, ok := localServers[p.Name]; ok && errors.Is(err, syscall.ECONNREFUSED) {
			return "Can't reach " + p.Host() + " — " + how + "."
		}
		return err.Error()
	}
}

// isDefaultLockchat says p is the built-in Lockchat provider at its own
// host.
func isDefaultLockchat(p client.Provider) bool {
	return p.Name == "lockchat" && p.BaseURL == client.Builtin()["lockchat"].BaseURL
}
