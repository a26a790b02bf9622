import { render } from "preact";
import { App } from "./app.js";
import { ErrorBoundary } from "./components/ErrorBoundary.js";
import "./styles.css";

render(
  <ErrorBoundary what="the page" onReset={() => location.reload()}>
    <App />
  </ErrorBoundary>,
  document.getElementById("app")!,
);
