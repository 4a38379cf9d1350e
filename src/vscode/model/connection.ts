// How every Gemini client connects, read from the settings: endpoint and API version, Vertex AI
// mode (gemini.vertex.*), and VS Code's own proxy settings (http.proxy, http.proxyStrictSSL,
// http.proxyAuthorization, http.noProxy). Also the check that tells a Vertex user, once, when
// Application Default Credentials are missing.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { ConnectionSettings } from '../../gemini/client';
import { chatModels, type ModelInfo } from '../../gemini/models';
import { describeProxy, ProxySettings, resolveProxy } from '../../gemini/proxy';
import type { SettingValues } from '../../config/settingValues';
import { applicationDefaultCredential, AccessTokenSource, resolveVertexProject, VERTEX_MODELS } from '../../gemini/vertex';

/** VS Code's proxy settings, as the Gemini clients take them. */
export function vsCodeProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  // 'off' means the user wants VS Code to leave requests alone; the environment still applies.
  if (http.get<string>('proxySupport') === 'off') return { url: '' };
  const noProxy = http.get<unknown>('noProxy');
  const authorization = http.get<unknown>('proxyAuthorization');
  return {
    url: http.get<string>('proxy') ?? '',
    strictSSL: http.get<boolean>('proxyStrictSSL') !== false,
    ...(typeof authorization === 'string' && authorization ? { authorization } : {}),
    ...(Array.isArray(noProxy) ? { noProxy: noProxy.filter((host): host is string => typeof host === 'string') } : {}),
  };
}

/**
 * The connection for `cachedGenAIProvider` and `ApiKeyService`: pass
 * `() => connectionSettings(config.snapshot())` as their `connection`.
 */
export function connectionSettings(settings: SettingValues, proxy: ProxySettings = vsCodeProxySettings()): ConnectionSettings {
  return {
    endpoint: settings.endpoint,
    apiVersion: settings.apiVersion,
    proxy,
    ...(settings['vertex.enabled'] ? { vertex: { project: settings['vertex.project'], location: settings['vertex.location'] || 'global' } } : {}),
  };
}

/** The models to offer: Vertex's well-known list in Vertex mode, else the key's models.list; chat models only. */
export function chatModelSource(settings: () => SettingValues, catalog: { list(): Promise<ModelInfo[]> }): () => Promise<ModelInfo[]> {
  return async () => chatModels(settings()['vertex.enabled'] ? [...VERTEX_MODELS] : await catalog.list());
}


export interface VertexCheckDeps {
  settings: () => SettingValues;
  logger: Logger;
  /** Default: Application Default Credentials. */
  credential?: () => AccessTokenSource;
}

const OPEN_SETTINGS = vscode.l10n.t('Open Settings');
const ADC_HELP = vscode.l10n.t('How to Set Up Credentials');
const ADC_HELP_URL = 'https://cloud.google.com/docs/authentication/set-up-adc-local-dev-environment';

/**
 * In Vertex AI mode, checks the credentials at start-up and whenever the Vertex settings change,
 * and says plainly what is missing (a warning with the fix), instead of failing the first chat.
 */
export function registerVertexCheck(context: vscode.ExtensionContext, deps: VertexCheckDeps): void {
  const check = async () => {
    const settings = deps.settings();
    if (!settings['vertex.enabled']) return;
    const credential = (deps.credential ?? applicationDefaultCredential)();
    try {
      const project = await resolveVertexProject({ project: settings['vertex.project'], location: settings['vertex.location'] }, credential);
      await credential.getAccessToken();
      deps.logger.info(`Vertex AI mode: project ${project}, location ${settings['vertex.location'] || 'global'}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.warn(`Vertex AI mode: ${message}`);
      const choice = await vscode.window.showWarningMessage(message, OPEN_SETTINGS, ADC_HELP);
      if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'gemini.vertex');
      if (choice === ADC_HELP) await vscode.env.openExternal(vscode.Uri.parse(ADC_HELP_URL));
    }
  };
  const logProxy = () => {
    const proxy = resolveProxy(vsCodeProxySettings());
    if (proxy) deps.logger.info(`Gemini requests use ${describeProxy(proxy)}`);
  };
  void check();
  logProxy();
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('gemini.vertex')) void check();
    if (event.affectsConfiguration('http')) logProxy();
  }));
}
