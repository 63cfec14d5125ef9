import type * as vscode from 'vscode';
import * as bench from './bench/register';
import * as compare from './compare/register';
import * as editor from './editor/register';
import * as filemap from './filemap/register';
import * as filter from './filter/register';
import * as follow from './follow/register';
import * as inspect from './inspect/register';
import * as levels from './levels/register';
import * as search from './search/register';
import * as tags from './tags/register';
import * as strings from './strings/register';
import * as text from './text/register';
import * as time from './time/register';
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
    levels: levels.register(context, editors),
    time: time.register(context, editors),
    tags: tags.register(context, editors),
    compare: compare.register(context, editors),
    filemap: filemap.register(context, editors),
    strings: strings.register(context, editors),
    filter: filter.register(context, editors),
  };
  return createApi(editors, features, redirect);
}

export function deactivate(): void {}
