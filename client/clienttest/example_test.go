package clienttest_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/lockchat/lockchat/client/clienttest"
)

// A server that fails the first request as Lockchat sometimes does, then
// streams a reply whose connection is cut after 60 bytes.
func Example() {
	s, err := clienttest.New(clienttest.WithScript(clienttest.ModelMissingFirst(1,
		clienttest.Always(clienttest.Reply("Hel", "lo").With(func(r *clienttest.Response) { r.DropAfter = 60 })))))
	if err != nil {
		panic(err)
	}
	defer s.Close()
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()

	for range 2 {
		resp, err := c.Post(s.URL+"/chat/completions", "application/json",
			strings.NewReader(`{"model":"gpt-4","messages":[{"role":"user","content":"hi"}],"stream":true}`))
		if err != nil {
			panic(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, len(body), err)
	}
	fmt.Println(s.RequestCount(), "requests")
	// Output:
	// 404 126 <nil>
	// 200 60 unexpected EOF
	// 2 requests
}
