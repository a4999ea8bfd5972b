import { describe, expect, it } from 'vitest';
import {
  expectCjkGlyphs,
  login,
  openDropdown,
  openFromMenu,
  screenshot,
  settle,
  textOf,
  useBrowser,
} from './support/browser';

const { session } = useBrowser();

describe('区划', () => {
  it('street staff switch the current region in the header to a community', async () => {
    const { page } = await session();
    await login(page, 'street');
    const title = page.getByTestId('title-line');
    const current = page.getByTestId('region-switcher-region');
    const content = page.locator('.ant-layout-content');
    await expect
      .poll(() => textOf(title))
      .toBe('——南京市玄武区玄武门街道社区综合管理和服务信息平台');
    await expect.poll(() => textOf(current)).toBe('玄武门街道');
    await expect
      .poll(() => textOf(content))
      .toContain('当前以「街道（乡镇）工作人员」身份办理 玄武门街道 的业务');
    expect(await textOf(page.getByTestId('region-switcher-grant'))).toBe(
      '街道（乡镇）工作人员 · 玄武门街道',
    );
    await screenshot(page, 'switch-before');

    // The region picker opens on the street and loads its communities; pick 百子亭社区.
    await current.click();
    const popup = openDropdown(page);
    const community = popup.locator('.ant-select-tree-node-content-wrapper', {
      hasText: '百子亭社区',
    });
    await community.waitFor();
    await screenshot(page, 'switch-open');
    await community.click();

    await expect.poll(() => textOf(current)).toBe('百子亭社区');
    await expect
      .poll(() => textOf(content))
      .toContain('当前以「街道（乡镇）工作人员」身份办理 百子亭社区 的业务');
    await expect.poll(() => textOf(content)).toContain('百子亭第一网格');
    // The title line names the city, county and street: a community of the same street keeps it.
    expect(await textOf(title)).toBe('——南京市玄武区玄武门街道社区综合管理和服务信息平台');
    await expectCjkGlyphs(page, '[data-testid="region-switcher-region"]');
    await screenshot(page, 'switch-region');

    // The choice belongs to the session: a reload keeps it.
    await page.reload();
    await expect.poll(() => textOf(page.getByTestId('region-switcher-region'))).toBe('百子亭社区');
  });

  it('the region tree expands level by level, searches by name and shows the details', async () => {
    const { page } = await session();
    await login(page, 'sysadmin');
    await openFromMenu(page, '区划管理');
    const tree = page.getByTestId('region-tree');
    await tree.waitFor();
    const node = (name: string) =>
      tree.locator('.ant-tree-treenode', {
        has: page.locator(`.ant-tree-title span:text-is("${name}")`),
      });

    // The scope root 南京市: open it, then 玄武区.
    await node('南京市').waitFor();
    if (!(await node('玄武区').count())) await node('南京市').locator('.ant-tree-switcher').click();
    await node('玄武区').waitFor();
    for (const county of ['秦淮区', '鼓楼区', '江宁区']) await node(county).waitFor();
    await node('玄武区').locator('.ant-tree-switcher').click();
    await node('玄武门街道').waitFor();
    expect(await textOf(node('玄武门街道'))).toContain('320102005');

    // Selecting a node shows its details on the right.
    await node('玄武区').locator('.ant-tree-node-content-wrapper').click();
    const detail = page
      .locator('.ant-col')
      .filter({ has: page.locator('.ant-descriptions') })
      .last();
    await expect.poll(() => textOf(detail.locator('.ant-card-head-title'))).toContain('玄武区');
    expect(await textOf(detail)).toContain('320102');
    await screenshot(page, 'region-tree');

    // Search by name, pick the hit: the details, breadcrumb and children follow.
    const search = page.getByTestId('region-search');
    await search.click();
    await page.keyboard.type('百子亭');
    // Hits show the full path; the community comes first (shorter codes first), then its grids.
    const options = openDropdown(page).locator('.ant-select-item-option');
    const hit = options.and(page.locator('[title="江苏省南京市玄武区玄武门街道百子亭社区"]'));
    await hit.waitFor();
    expect(await textOf(options.first())).toBe('江苏省南京市玄武区玄武门街道百子亭社区');
    expect(await options.allInnerTexts()).toContain(
      '江苏省南京市玄武区玄武门街道百子亭社区百子亭第一网格',
    );
    await screenshot(page, 'region-search');
    await hit.click();
    await expect
      .poll(() => textOf(detail.locator('.ant-card-head-title')))
      .toBe('百子亭社区 社区（村）');
    await settle(page);
    const text = await textOf(detail);
    expect(text).toContain('320102005001');
    expect(text).toContain('江苏省');
    expect(text).toContain('玄武门街道');
    expect(text).toContain('百子亭第一网格');
    expect(text).toContain('——南京市玄武区玄武门街道社区综合管理和服务信息平台');
    // The tree opened down to the hit and marks it selected.
    await expect
      .poll(() => textOf(tree.locator('.ant-tree-treenode-selected')))
      .toContain('百子亭社区');
    await expectCjkGlyphs(page, '[data-testid="region-tree"]');
    await screenshot(page, 'region-detail');
  });
});
