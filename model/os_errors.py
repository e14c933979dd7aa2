"""What the system said when a file could not be read or written, in Chinese.

Python words an `OSError` in the system's language: on Chinese Windows that is Chinese, but on a domestic Linux
desktop (统信UOS, 银河麒麟) it is English ("No such file or directory"). The messages that name a file the
program could not read or write put `os_reason(exc)` in their brackets instead.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "文件或文件夹不存在，可能已被移动、删除，或 U 盘已拔出",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘是只读的（如写保护的 U 盘）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘空间已满",
    errno.EFBIG: "文件过大",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "磁盘读写出错，U 盘或硬盘可能已损坏",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ELOOP: "快捷方式或链接指向了自身",
    errno.EMFILE: "同时打开的文件过多",
    errno.EEXIST: "同名的文件已存在",
    errno.EINVAL: "文件名中有不允许的字符",
}


def os_reason(exc: OSError) -> str:
    """Return why `exc` happened as a short Chinese phrase ('文件或文件夹不存在…', '没有权限', …); for a system
    error not listed, the system's own words (Chinese on Chinese Windows) with its error number."""
    reason = _REASONS.get(exc.errno or 0)
    if reason:
        return reason
    if exc.strerror:
        return f"系统错误 {exc.errno}：{exc.strerror}" if exc.errno else exc.strerror
    return str(exc) or type(exc).__name__
