/**
 * Keeps the page on screen when showing a result fails: the part that
 * failed is replaced by a message that says so (with the error's own words)
 * and a way back, and the rest of the page keeps working.
 */
import { Component, type ComponentChildren } from "preact";

interface Props {
  /** what the part shows, for the message: "this result" */
  what: string;
  children: ComponentChildren;
  /** called by the "Start over" button, after the boundary has reset itself */
  onReset?: () => void;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div class="crash" role="alert">
        <h2>Something went wrong showing {this.props.what}</h2>
        <p>
          The page could not display it: <code>{error.message}</code>. Your files were not changed and were not sent anywhere. Please report this, with
          the two files if you can.
        </p>
        <button
          type="button"
          class="button primary"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset?.();
          }}
        >
          Start over
        </button>
      </div>
    );
  }
}
