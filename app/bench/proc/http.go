package proc

import (
	"io"
	"net/http"
	"time"
)

// An Answer is an HTTP response as sent: not decompressed.
type Answer struct {
	Code   int
	Header http.Header
	Body   []byte
}

// Get asks for url with the headers hdr.
func Get(url string, hdr map[string]string) (Answer, error) { return Do("GET", url, hdr) }

// Do sends a request without a body, follows no redirect and decodes nothing.
func Do(method, url string, hdr map[string]string) (Answer, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return Answer{}, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := rawClient.Do(req)
	if err != nil {
		return Answer{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return Answer{res.StatusCode, res.Header, body}, err
}

var rawClient = &http.Client{
	Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 8},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}
