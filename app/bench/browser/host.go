package browser

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"time"

	"eventcard/app/bench/proc"
	"eventcard/app/bench/report"

	"github.com/chromedp/cdproto/cdp"
	cdpio "github.com/chromedp/cdproto/io"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// hostCost is budget 4: the loader's gzip size; the main-thread time the loader adds to the
// partner's page (CPU time in Chromium's trace, the page with the README's snippet against the
// same card as a plain <iframe>, until the card has loaded, its wasm started, its height
// applied); the partner page's cumulative layout shift.
func (s *session) hostCost() error {
	a, err := proc.Get(s.widget+"/embed.js", map[string]string{"Accept-Encoding": "gzip"})
	if err != nil {
		return err
	}
	if a.Header.Get("Content-Encoding") != "gzip" {
		return fmt.Errorf("/embed.js is not sent gzipped")
	}
	s.run.Report.Add(report.Row{ID: "4a", Name: "loader size (gzip, as served)", Unit: "bytes", Value: float64(len(a.Body)), Budget: "≤ 2 KB (2,048 B)", Pass: len(a.Body) <= 2048})

	// Three partner pages: the README's snippet; the same card as a plain <iframe> with the
	// loader's attributes (what any embed costs: a frame); the link alone (no card).
	variants := []string{"snippet", "iframe", "link"}
	script, task := map[string][]float64{}, map[string][]float64{}
	var cls []float64
	err = s.inTurns(variants, func(v string, counted bool) error {
		sc, tk, shift, err := s.hostRun(v)
		if err != nil || !counted {
			return err
		}
		script[v], task[v] = append(script[v], sc), append(task[v], tk)
		if v == "snippet" {
			cls = append(cls, shift)
		}
		return nil
	})
	if err != nil {
		return err
	}
	loader := report.Median(task["snippet"]) - report.Median(task["iframe"])
	s.run.Report.Details["host_main_thread_cpu_ms"] = map[string]any{"tasks": task, "scripts": script}
	s.run.Report.Add(report.Row{ID: "4b", Name: "main-thread time the loader adds to the host", Unit: "ms", Value: loader,
		Baseline: &report.Baseline{Name: "the card as a plain iframe", Value: report.Median(task["iframe"]), Samples: task["iframe"]}, NoRatio: true,
		Budget: "≤ 2 ms added", Pass: loader <= 2,
		Note: fmt.Sprintf("CPU time of the partner page's main thread in Chromium's trace (thread time: the machine's other work does not count; the card's frame is another process), from navigation until the card has loaded, its wasm started and its height applied, medians of %d: with the README's snippet %.2f ms, with the same card as a plain <iframe> (the loader's attributes, no loader) %.2f ms, with the link alone %.2f ms. The loader's own cost is the first less the second; the whole card costs the host %.2f ms, the frame itself %.2f ms of it. Scripts alone: %.2f, %.2f and %.2f ms.",
			s.run.Runs, report.Median(task["snippet"]), report.Median(task["iframe"]), report.Median(task["link"]), report.Median(task["snippet"])-report.Median(task["link"]),
			report.Median(task["iframe"])-report.Median(task["link"]), report.Median(script["snippet"]), report.Median(script["iframe"]), report.Median(script["link"]))})
	s.run.Report.Add(report.Row{ID: "4c", Name: "host cumulative layout shift (README snippet)", Unit: "", Value: report.Max(cls), Samples: cls,
		Budget: "0.00 (worst of the runs)", Pass: report.Max(cls) == 0})
	return nil
}

// hostRun opens the partner page with the variant (the snippet, the plain frame or the link
// alone) and returns the CPU time of the page's main thread (ms): all its tasks, and the
// scripts among them, from Chromium's trace (thread time, so the machine's other work does not
// count); and the page's layout shift, once the card has loaded.
func (s *session) hostRun(variant string) (script, task, cls float64, err error) {
	ctx, cancel, err := s.tab()
	if err != nil {
		return 0, 0, 0, err
	}
	defer cancel()
	const probe = `window.__shifts = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) __shifts.push(e.value); }).observe({ type: "layout-shift", buffered: true });`
	var complete iter.Seq2[tracing.EventTracingComplete, error]
	err = chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe}); err != nil {
			return chromedp.Void{}, err
		}
		complete = cdp.Events(ctx, tg, tracing.TracingComplete)
		_, err := cdp.Call(ctx, tg, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReturnAsStream,
			TraceConfig: &tracing.TraceConfig{IncludedCategories: []string{"toplevel", "devtools.timeline", "v8.execute"}}})
		return chromedp.Void{}, err
	})
	if err != nil {
		return 0, 0, 0, err
	}
	path := "/bench/" + variant
	if err := chromedp.Do(ctx, chromedp.Navigate(s.host+path)); err != nil {
		return 0, 0, 0, err
	}
	if variant != "link" {
		f, err := frame(ctx, s.widget+"/embed/")
		if err != nil {
			return 0, 0, 0, err
		}
		if err := waitFor(f, wasmStarted); err != nil {
			return 0, 0, 0, err
		}
	}
	time.Sleep(700 * time.Millisecond) // the card's height messages arrive and are applied
	if cls, err = eval[float64](ctx, `__shifts.reduce((a, b) => a + b, 0)`); err != nil {
		return 0, 0, 0, err
	}
	events, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]traceEvent, error) {
		if _, err := cdp.Call(ctx, tg, tracing.End, cdp.Empty{}); err != nil {
			return nil, err
		}
		var stream cdpio.StreamHandle
		for e, err := range complete {
			if err != nil {
				return nil, err
			}
			stream = e.Stream
			break
		}
		var trace bytes.Buffer
		for {
			r, err := cdp.Call(ctx, tg, cdpio.Read, cdpio.ReadParams{Handle: stream, Size: 1 << 20})
			if err != nil {
				return nil, err
			}
			trace.Write(r.Data)
			if r.EOF {
				break
			}
		}
		cdp.Call(ctx, tg, cdpio.Close, cdpio.CloseParams{Handle: stream})
		// Kept beside the run's other files (-keep), to open in DevTools' Performance panel.
		s.traces++
		os.WriteFile(filepath.Join(s.run.Tmp, fmt.Sprintf("trace-%s-%02d.json", variant, s.traces)), trace.Bytes(), 0o644)
		var t struct {
			TraceEvents []traceEvent `json:"traceEvents"`
		}
		if err := json.Unmarshal(trace.Bytes(), &t); err != nil {
			var list []traceEvent // the other JSON form: the events alone
			if json.Unmarshal(trace.Bytes(), &list) != nil {
				return nil, fmt.Errorf("the trace: %v", err)
			}
			t.TraceEvents = list
		}
		return t.TraceEvents, nil
	})
	if err != nil {
		return 0, 0, 0, err
	}
	script, task, err = mainThreadCPU(events, s.host+path)
	return script, task, cls, err
}

// traceEvent is one event of Chromium's trace (JSON format).
type traceEvent struct {
	Name string  `json:"name"`
	Cat  string  `json:"cat"`
	Ph   string  `json:"ph"`
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
	Ts   float64 `json:"ts"`   // µs
	Dur  float64 `json:"dur"`  // µs, wall
	TDur float64 `json:"tdur"` // µs, the thread's CPU
	Args struct {
		BeginData struct {
			URL string `json:"url"`
		} `json:"beginData"`
	} `json:"args"`
}

// mainThreadCPU sums, on the main thread of the renderer that parsed the page at url, the CPU
// time of its top-level tasks, and of the scripts those ran (compiling and running scripts,
// callbacks, events), in ms.
func mainThreadCPU(events []traceEvent, url string) (script, task float64, err error) {
	pid, tid := 0, 0
	for _, e := range events {
		if e.Name == "ParseHTML" && e.Args.BeginData.URL == url {
			pid, tid = e.Pid, e.Tid
			break
		}
	}
	if pid == 0 {
		return 0, 0, fmt.Errorf("the trace has no ParseHTML of %s (%d events)", url, len(events))
	}
	sum := func(names ...string) float64 {
		var total, end float64
		for _, e := range events { // top-level only: an event inside one counted is not counted
			if e.Pid != pid || e.Tid != tid || e.Ph != "X" || !slices.Contains(names, e.Name) || e.Ts < end {
				continue
			}
			total += e.TDur
			end = e.Ts + e.Dur
		}
		return total / 1000
	}
	slices.SortStableFunc(events, func(a, b traceEvent) int { return cmp.Compare(a.Ts, b.Ts) })
	return sum("EvaluateScript", "v8.compile", "v8.run", "FunctionCall", "EventDispatch", "TimerFire", "FireAnimationFrame", "v8.callFunction"),
		sum("RunTask", "ThreadControllerImpl::RunTask"), nil
}
