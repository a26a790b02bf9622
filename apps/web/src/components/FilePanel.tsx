/**
 * The two documents: a card for each (drop a file on it or choose one), the
 * swap button between them, and the error about a file shown on its card.
 * Files are read by this page only; nothing is uploaded.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Side } from "../engine/pipeline.js";

export interface Picked {
  name: string;
  bytes: Uint8Array;
  /** where it came from: chosen or dropped, the bundled example, or `redline view` */
  origin: "file" | "example" | "server";
}

export const ACCEPT = ".docx,.docm,.txt,.text,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown";

export function formatSize(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function kindOf(name: string): string {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === "docx" || ext === "docm") return "Word document";
  if (ext === "md" || ext === "markdown") return "Markdown";
  if (ext === "txt" || ext === "text") return "Plain text";
  return ext ? `.${ext} file` : "file";
}

interface CardProps {
  side: Side;
  title: string;
  hint: string;
  picked: Picked | null;
  error: string | null;
  onFiles: (side: Side, files: File[]) => void;
}

function filesOf(e: DragEvent): File[] {
  return Array.from(e.dataTransfer?.files ?? []);
}

export function FileCard({ side, title, hint, picked, error, onFiles }: CardProps) {
  const [over, setOver] = useState(false);
  const inputId = `file-${side}`;
  const errorId = `file-${side}-error`;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const files = filesOf(e);
    if (files.length > 0) onFiles(side, files);
  };
  const onChange: JSX.GenericEventHandler<HTMLInputElement> = (e) => {
    const input = e.currentTarget;
    const files = Array.from(input.files ?? []);
    if (files.length > 0) onFiles(side, files);
    // choosing the same file again (after editing it) must still count as a change
    input.value = "";
  };
  return (
    <section
      class={`file-card${over ? " over" : ""}${error ? " has-error" : ""}${picked ? " has-file" : ""}`}
      aria-labelledby={`${inputId}-title`}
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
        if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div class="file-card-body">
        <h2 class="file-role" id={`${inputId}-title`}>
          {title}
        </h2>
        {picked ? (
          <p class="file-name" title={picked.name}>
            <span class="file-icon" aria-hidden="true">
              {picked.name.toLowerCase().endsWith(".docx") ? "W" : "T"}
            </span>
            <span class="file-name-text">{picked.name}</span>
            <span class="file-meta">
              {kindOf(picked.name)} · {formatSize(picked.bytes.length)}
              {picked.origin === "example" ? " · example" : picked.origin === "server" ? " · from redline view" : ""}
            </span>
          </p>
        ) : (
          <p class="file-empty">{hint}</p>
        )}
      </div>
      <label class="button secondary file-pick">
        {picked ? "Replace…" : "Choose file…"}
        <input type="file" id={inputId} class="visually-hidden" accept={ACCEPT} multiple aria-describedby={error ? errorId : undefined} onChange={onChange} />
      </label>
      {error && (
        <p class="file-error" id={errorId} role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </section>
  );
}
