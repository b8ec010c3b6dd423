import { Module } from '@nestjs/common';
import { UpstreamClient } from '../upstream/index.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({ controllers: [UsersController], providers: [UsersService, UpstreamClient] })
export class UsersModule {}
