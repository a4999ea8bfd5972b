import { describe, expect, it } from 'vitest';
import {
  ApiError,
  issuesToFieldProblems,
  pathToFieldName,
  placeFieldErrors,
  problemFromResponse,
} from './problem';

describe('pathToFieldName', () => {
  it('turns list indexes into numbers', () => {
    expect(pathToFieldName('grants.0.regionCode')).toEqual(['grants', 0, 'regionCode']);
  });

  it('accepts bracket indexes too', () => {
    expect(pathToFieldName('into[1].name')).toEqual(['into', 1, 'name']);
  });

  it('gives an empty name for an empty path', () => {
    expect(pathToFieldName('')).toEqual([]);
  });
});

describe('placeFieldErrors', () => {
  const formFields = [
    ['username'],
    ['password'],
    ['grants', 0, 'role'],
    ['grants', 0, 'regionCode'],
  ];

  it('marks the field each server path names', () => {
    const placed = placeFieldErrors(
      [
        { path: 'username', message: '用户名已存在' },
        { path: 'grants.0.regionCode', message: '该区域不在您的管辖范围内' },
      ],
      formFields,
    );
    expect(placed.fields).toEqual([
      { name: ['username'], errors: ['用户名已存在'] },
      { name: ['grants', 0, 'regionCode'], errors: ['该区域不在您的管辖范围内'] },
    ]);
    expect(placed.unplaced).toEqual([]);
  });

  it('collects several messages for one field without repeating one', () => {
    const placed = placeFieldErrors(
      [
        { path: 'password', message: '密码长度不得少于 10 位' },
        { path: 'password', message: '密码不得包含用户名' },
        { path: 'password', message: '密码长度不得少于 10 位' },
      ],
      formFields,
    );
    expect(placed.fields).toEqual([
      { name: ['password'], errors: ['密码长度不得少于 10 位', '密码不得包含用户名'] },
    ]);
  });

  it('keeps errors for paths the form has no field for, so they can still be shown', () => {
    const placed = placeFieldErrors(
      [
        { path: 'grants', message: '至少授予一个角色' },
        { path: 'grants.3.role', message: '角色不存在' },
        { path: '', message: '请求体格式不正确' },
      ],
      formFields,
    );
    expect(placed.fields).toEqual([]);
    expect(placed.unplaced.map((e) => e.message)).toEqual([
      '至少授予一个角色',
      '角色不存在',
      '请求体格式不正确',
    ]);
  });
});

describe('problemFromResponse', () => {
  it('reads a problem document', () => {
    const problem = problemFromResponse(
      422,
      {
        type: 'about:blank',
        title: '请求参数有误',
        status: 422,
        code: 'VALIDATION',
        errors: [{ path: 'phone', message: '电话号码格式不正确' }],
      },
      'fallback',
    );
    expect(problem.code).toBe('VALIDATION');
    expect(problem.errors).toEqual([{ path: 'phone', message: '电话号码格式不正确' }]);
  });

  it('falls back to a generic problem for a body that is not one (a proxy error page)', () => {
    expect(problemFromResponse(502, undefined, '请求失败（HTTP 502）')).toEqual({
      type: 'about:blank',
      title: '请求失败（HTTP 502）',
      status: 502,
      code: 'HTTP',
    });
  });
});

describe('ApiError', () => {
  it('carries the status, code, title and field errors of the problem', () => {
    const error = new ApiError({
      type: 'about:blank',
      title: '与现有数据冲突',
      status: 409,
      code: 'CONFLICT',
      detail: '用户名 wang 已被使用',
      errors: [{ path: 'username', message: '用户名已被使用' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect([error.status, error.code, error.title, error.detail]).toEqual([
      409,
      'CONFLICT',
      '与现有数据冲突',
      '用户名 wang 已被使用',
    ]);
    expect(error.fieldErrors).toEqual([{ path: 'username', message: '用户名已被使用' }]);
    expect(error.message).toBe('与现有数据冲突: 用户名 wang 已被使用');
  });
});

describe('issuesToFieldProblems', () => {
  it('joins zod issue paths the way the server writes them', () => {
    expect(
      issuesToFieldProblems([{ path: ['grants', 0, 'regionCode'], message: '区划代码格式不正确' }]),
    ).toEqual([{ path: 'grants.0.regionCode', message: '区划代码格式不正确' }]);
  });
});
