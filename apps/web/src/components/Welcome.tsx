/** What the page says before any file is given: what it does, in three steps, and the example to try. */
import type { Mode } from "../app.js";

export function Welcome({ mode, onExample }: { mode: Mode; onExample: () => void }) {
  return (
    <div class="welcome">
      {mode === "compare" ? (
        <>
          <h1>See exactly what a revision changes</h1>
          <p class="lead">
            Give redline the text in force and the proposed revision — Word documents (.docx), plain text or Markdown. It lines up the clauses of both versions
            and shows which were <strong>modified</strong>, <strong>added</strong>, <strong>deleted</strong>, <strong>moved</strong> or <strong>renumbered</strong>,
            and inside each clause the words that changed: <del>deleted</del> <ins>inserted</ins>.
          </p>
          <ol class="steps">
            <li>
              <strong>Drop the two files</strong> on the boxes above, or on this page, or use <em>Choose file…</em>.
            </li>
            <li>
              <strong>Read the delta</strong>: each changed clause carries its ITU marker (MOD, ADD, SUP). Step through the changes with <kbd>n</kbd> and{" "}
              <kbd>p</kbd>.
            </li>
            <li>
              <strong>Download</strong> the Word document with tracked changes, the HTML report or the JSON Delta.
            </li>
          </ol>
        </>
      ) : (
        <>
          <h1>Check a proposal for unmarked edits</h1>
          <p class="lead">
            Give redline the text in force and the proposal as a Word document with its changes as tracked revisions. With every revision rejected, the proposal
            should read exactly like the text in force; any difference is an edit made <strong>without a revision mark</strong>. redline lists those, and the
            changes that are marked.
          </p>
        </>
      )}
      <p>
        <button type="button" class="button primary" onClick={onExample}>
          {mode === "compare" ? "Try it with the example resolution" : "Try it with an example proposal"}
        </button>
      </p>
      <p class="fineprint">
        Nothing leaves this computer: the files are read and compared in this browser tab, and no request is made after the page has loaded. The same results, to
        the byte, as the <code>redline</code> command line.
      </p>
    </div>
  );
}

