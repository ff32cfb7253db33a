package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/textproto"
	"net/url"
	"syscall"
)

// transportFailure explains an error from http.Client.Do: no response arrived.
func (c *Client) transportFailure(ctx context.Context, err error) attemptResult {
	if ctx.Err() != nil {
		return attemptResult{err: c.ctxError(ctx)}
	}
	e := c.networkError(err, "")
	return attemptResult{err: e, retryable: isReset(err) || isMalformed(err)}
}

// isMalformed reports an answer whose status line or headers Go could not
// read (a control byte in a Retry-After, say): the server is there, and
// asking again after the normal back-off may well get a readable answer.
func isMalformed(err error) bool {
	var pe textproto.ProtocolError
	return errors.As(err, &pe)
}

// networkError describes a connection failure in one sentence naming the
// host, never the URL (its query may hold the token).
func (c *Client) networkError(err error, during string) *Error {
	host := c.provider.Host()
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err // url.Error's text carries the full URL
	}
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		unkAuth x509.UnknownAuthorityError
		badHTTP textproto.ProtocolError
	)
	var msg string
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		msg = "Could not connect to " + host + ": connection refused. Check that the server is running and the base URL is right."
	case errors.As(err, &dnsErr):
		msg = "Could not reach " + host + ": the host name does not resolve. Check the base URL and your network."
	case errors.As(err, &certErr), errors.As(err, &unkAuth):
		msg = "Could not connect to " + host + " securely: its TLS certificate is not trusted."
	case errors.As(err, &badHTTP):
		return c.newError(KindBadBody, cause, "The server at %s sent an answer that is not valid HTTP (%s).", host, string(badHTTP))
	case isTimeout(err):
		kind := KindTimeout
		e := c.newError(kind, cause, "Could not connect to %s: the connection timed out. Check the base URL, proxy settings and your network.", host)
		return e
	case during != "":
		msg = during + " (" + cause.Error() + ")."
	default:
		msg = "Could not reach " + host + ": " + cause.Error() + "."
	}
	return c.newError(KindNetwork, cause, "%s", msg)
}

// isReset reports a connection the server dropped before answering: worth
// a retry (a restarting server, a load balancer shedding connections).
func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// ctxError explains why the request's context ended.
func (c *Client) ctxError(ctx context.Context) *Error {
	return c.stopError(ctx, false)
}

// stopError is ctxError for a reply under way: an idle timeout says the
// text received so far is kept only when some arrived.
func (c *Client) stopError(ctx context.Context, gotText bool) *Error {
	cause := context.Cause(ctx)
	o := c.opts
	switch {
	case errors.Is(cause, errFirstByte):
		return c.newError(KindTimeout, nil, "The server did not start answering within %v (first-byte timeout). It may be overloaded; try again or raise first_byte_timeout.", o.FirstByteTimeout)
	case errors.Is(cause, errIdle) && gotText:
		return c.newError(KindTimeout, nil, "The server sent nothing for %v in the middle of the reply (idle timeout); the text received so far is kept.", o.IdleTimeout)
	case errors.Is(cause, errIdle):
		return c.newError(KindTimeout, nil, "The server began its answer but then sent nothing for %v (idle timeout).", o.IdleTimeout)
	case errors.Is(cause, errTotalTimeout):
		return c.newError(KindTimeout, nil, "The request did not finish within %v (the --timeout deadline).", o.Timeout)
	case errors.Is(cause, context.DeadlineExceeded):
		return c.newError(KindTimeout, nil, "The request ran past its deadline.")
	}
	return c.newError(KindCanceled, nil, "Stopped.")
}
