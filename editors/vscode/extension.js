// zhcheck for VS Code: starts `zhcheck server --stdio` and lets vscode-languageclient do the rest
// (diagnostics as you type, quick fixes, "Fix all" from the zhcheck findings).
"use strict";

const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function command() {
  const configured = vscode.workspace.getConfiguration("zhcheck").get("path") || "zhcheck";
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  // a relative path such as .venv/bin/zhcheck is relative to the (first) workspace folder
  if (folder && configured.includes("/") && !path.isAbsolute(configured)) {
    return path.join(folder.uri.fsPath, configured);
  }
  return configured;
}

async function start() {
  const server = { command: command(), args: ["server"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "zhcheck",
    "zhcheck",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
      ],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{zhcheck.toml,.zhcheck.toml,pyproject.toml}"),
      },
    },
  );
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `zhcheck: could not start "${command()} server" (${err.message || err}). ` +
        "Install zhcheck (pip install zhcheck) or set zhcheck.path.",
    );
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("zhcheck.restart", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("zhcheck.path")) {
        await vscode.commands.executeCommand("zhcheck.restart");
      }
    }),
  );
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
