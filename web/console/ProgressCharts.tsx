/**
 * The progress charts: by city (stacked by status), by status, and over time (submitted and approved,
 * cumulative). Apache ECharts — tree-shaken to the bar, pie and line charts and drawn as SVG (crisp when
 * printed, readable by the browser tests) — loaded only when this page opens.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { CampaignProgressView as CampaignProgress } from '../../contract/api';
import { STATUS_COLOR, STATUS_ORDER, STATUS_ZH } from './labels';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: tokens.spacingHorizontalL },
  chart: { height: '280px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2 },
});

type Option = echarts.EChartsCoreOption;

function Chart({ option, testId }: { option: Option; testId: string }) {
  const styles = useStyles();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, null, { renderer: 'svg' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} className={styles.chart} data-testid={testId} />;
}

const FONT = { fontFamily: "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif" };

export default function ProgressCharts({ progress }: { progress: CampaignProgress }) {
  const styles = useStyles();
  const options = useMemo(() => chartOptions(progress), [progress]);
  return (
    <div className={styles.row}>
      <Chart option={options.byCity} testId="chart-by-city" />
      <Chart option={options.byStatus} testId="chart-by-status" />
      <Chart option={options.overTime} testId="chart-over-time" />
    </div>
  );
}

function chartOptions(progress: CampaignProgress): { byCity: Option; byStatus: Option; overTime: Option } {
  const cities = progress.byCity.map((c) => c.cityName);
  const byCity: Option = {
    animation: false,
    textStyle: FONT,
    title: { text: progress.scope === 'province' ? '各市进度' : '本市进度', left: 12, top: 8, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 12, right: 16, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: cities, axisLabel: { interval: 0, rotate: cities.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: STATUS_ORDER.map((st) => ({
      name: STATUS_ZH[st],
      type: 'bar',
      stack: 'schools',
      color: STATUS_COLOR[st],
      data: progress.byCity.map((c) => c[st]),
    })),
  };
  const byStatus: Option = {
    animation: false,
    textStyle: FONT,
    title: { text: '按状态', left: 12, top: 8, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item', formatter: '{b}：{c} 所（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '50%'],
        label: { formatter: '{b} {c}' },
        data: STATUS_ORDER.filter((st) => progress.byStatus[st] > 0).map((st) => ({ name: STATUS_ZH[st], value: progress.byStatus[st], itemStyle: { color: STATUS_COLOR[st] } })),
      },
    ],
  };
  const overTime: Option = {
    animation: false,
    textStyle: FONT,
    title: { text: '上报与审核（累计）', left: 12, top: 8, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 12, right: 16, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: progress.overTime.map((p) => p.day), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, max: progress.schools.length || undefined },
    series: [
      { name: '已上报', type: 'line', step: 'end', color: STATUS_COLOR.SUBMITTED, data: progress.overTime.map((p) => p.submitted) },
      { name: '省厅已审核', type: 'line', step: 'end', color: STATUS_COLOR.PROVINCE_APPROVED, data: progress.overTime.map((p) => p.approved) },
    ],
  };
  return { byCity, byStatus, overTime };
}
