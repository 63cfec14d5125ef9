import type * as vscode from 'vscode';
import * as bench from './bench/register';
import * as editor from './editor/register';
import * as filter from './filter/register';
import * as follow from './follow/register';
import * as inspect from './inspect/register';
import * as search from './search/register';
import * as text from './text/register';
import { createApi, type HugeViewApi } from './testApi';

/** The composition root: the editor, then each feature's register(). */
export function activate(context: vscode.ExtensionContext): HugeViewApi {
  const { editors, redirect } = editor.register(context);
  const features = {
    text: text.register(context, editors),
    follow: follow.register(context, editors),
    search: search.register(context, editors),
    inspect: inspect.register(context, editors),
    bench: bench.register(context, editors),
    filter: filter.register(context, editors),
  };
  return createApi(editors, features, redirect);
}

export function deactivate(): void {}
