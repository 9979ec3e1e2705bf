// Probe outcomes and reach verdicts as words, for the page (matrix, legend, expected/observed) and `podlab run`.
const OUTCOMES: Record<string, Record<string, string>> = {
  en: {
    ok: 'ok',
    reply: 'reply',
    connected: 'connected',
    blocked: 'blocked',
    refused: 'refused',
    timeout: 'timed out',
    'no-route': 'no route',
    unreachable: 'unreachable',
    nxdomain: 'no such name',
    'no-endpoints': 'no endpoints',
    'no-source': 'no such source',
    'source-not-running': 'source not running',
    error: 'error',
    skipped: 'skipped',
  },
  zh: {
    ok: '通',
    reply: '有应答',
    connected: '已连接',
    blocked: '不通',
    refused: '被拒绝',
    timeout: '超时',
    'no-route': '无路由',
    unreachable: '不可达',
    nxdomain: '名称不存在',
    'no-endpoints': '没有端点',
    'no-source': '源不存在',
    'source-not-running': '源未运行',
    error: '出错',
    skipped: '已跳过',
  },
};

/** An outcome word in `lang`; unknown outcomes (e.g. an output excerpt) as they are. */
export function outcomeWord(lang: string, outcome: string): string {
  return (OUTCOMES[lang.split('-')[0].toLowerCase()] ?? OUTCOMES.en)[outcome] ?? outcome;
}
